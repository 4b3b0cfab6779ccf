using Cpoms.TwoFactor.Core.Stores;

namespace Cpoms.TwoFactor.Testing.Specification;

/// <summary>
/// The contract of <see cref="IChallengeStore"/>, as its XML documentation states it. Derive once per store
/// implementation; every store must pass every test unchanged.
/// </summary>
public abstract class ChallengeStoreSpecification
{
    private static readonly DateTimeOffset Now = SpecificationData.Start.AddMinutes(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Creates the store under test over storage that holds no challenges (the purge test counts them).
    /// Each test calls it once, first.
    /// </summary>
    protected abstract Task<IChallengeStore> CreateStoreAsync();

    /// <summary>
    /// Another store over the same storage as <paramref name="store"/>, as a second application node would
    /// see it. In-process stores return the same instance.
    /// </summary>
    protected virtual IChallengeStore CreateNode(IChallengeStore store) => store;

    [Fact]
    public async Task TryConsumeAsync_LiveChallenge_ReturnsEveryField()
    {
        var store = await CreateStoreAsync();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());
        await store.AddAsync(challenge, Ct);

        var consumed = await CreateNode(store).TryConsumeAsync(challenge.Id, challenge.UserId, challenge.Purpose, Now, Ct);

        StoreAssert.Equal(challenge, consumed);
    }

    [Fact]
    public async Task TryConsumeAsync_WithoutState_ReturnsNullState()
    {
        var store = await CreateStoreAsync();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId()) with { State = null };
        await store.AddAsync(challenge, Ct);

        var consumed = await store.TryConsumeAsync(challenge.Id, challenge.UserId, challenge.Purpose, Now, Ct);

        StoreAssert.Equal(challenge, consumed);
    }

    [Fact]
    public async Task TryConsumeAsync_SecondTime_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());
        await store.AddAsync(challenge, Ct);
        Assert.NotNull(await store.TryConsumeAsync(challenge.Id, challenge.UserId, challenge.Purpose, Now, Ct));

        Assert.Null(await CreateNode(store).TryConsumeAsync(challenge.Id, challenge.UserId, challenge.Purpose, Now, Ct));
    }

    [Fact]
    public async Task TryConsumeAsync_ParallelConsumers_ExactlyOneGetsIt()
    {
        var store = await CreateStoreAsync();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());
        await store.AddAsync(challenge, Ct);
        var nodes = Enumerable.Range(0, Concurrently.Callers).Select(_ => CreateNode(store)).ToArray();

        var consumed = await Concurrently.RunAsync(
            nodes.Length, i => nodes[i].TryConsumeAsync(challenge.Id, challenge.UserId, challenge.Purpose, Now, Ct));

        StoreAssert.Equal(challenge, Assert.Single(consumed, c => c is not null));
    }

    [Fact]
    public async Task TryConsumeAsync_Expired_ReturnsNullAndRemovesIt()
    {
        var store = await CreateStoreAsync();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());
        await store.AddAsync(challenge, Ct);

        Assert.Null(await store.TryConsumeAsync(challenge.Id, challenge.UserId, challenge.Purpose, challenge.ExpiresAt.AddSeconds(1), Ct));

        // Had it stayed, a clock read before the expiry would still find it.
        Assert.Null(await store.FindAsync(challenge.Id, challenge.UserId, challenge.Purpose, Now, Ct));
    }

    [Fact]
    public async Task TryConsumeAsync_AtTheExpiryInstant_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());
        await store.AddAsync(challenge, Ct);

        Assert.Null(await store.TryConsumeAsync(challenge.Id, challenge.UserId, challenge.Purpose, challenge.ExpiresAt, Ct));
    }

    [Fact]
    public async Task TryConsumeAsync_JustBeforeExpiry_ReturnsIt()
    {
        var store = await CreateStoreAsync();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());
        await store.AddAsync(challenge, Ct);

        var consumed = await store.TryConsumeAsync(
            challenge.Id, challenge.UserId, challenge.Purpose, challenge.ExpiresAt.AddMilliseconds(-1), Ct);

        Assert.NotNull(consumed);
    }

    [Fact]
    public async Task TryConsumeAsync_WrongUser_ReturnsNullAndKeepsIt()
    {
        var store = await CreateStoreAsync();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());
        await store.AddAsync(challenge, Ct);

        Assert.Null(await store.TryConsumeAsync(challenge.Id, SpecificationData.NewUserId(), challenge.Purpose, Now, Ct));

        Assert.NotNull(await store.TryConsumeAsync(challenge.Id, challenge.UserId, challenge.Purpose, Now, Ct));
    }

    [Fact]
    public async Task TryConsumeAsync_UserIdDifferingOnlyInCase_ReturnsNullAndKeepsIt()
    {
        var store = await CreateStoreAsync();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());
        await store.AddAsync(challenge, Ct);

        Assert.Null(await store.TryConsumeAsync(challenge.Id, challenge.UserId.ToUpperInvariant(), challenge.Purpose, Now, Ct));

        Assert.NotNull(await store.TryConsumeAsync(challenge.Id, challenge.UserId, challenge.Purpose, Now, Ct));
    }

    [Fact]
    public async Task TryConsumeAsync_WrongPurpose_ReturnsNullAndKeepsIt()
    {
        var store = await CreateStoreAsync();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId(), "webauthn.register");
        await store.AddAsync(challenge, Ct);

        Assert.Null(await store.TryConsumeAsync(challenge.Id, challenge.UserId, "webauthn.authenticate", Now, Ct));

        Assert.NotNull(await store.TryConsumeAsync(challenge.Id, challenge.UserId, challenge.Purpose, Now, Ct));
    }

    [Fact]
    public async Task TryConsumeAsync_IdDifferingOnlyInCase_ReturnsNullAndKeepsIt()
    {
        var store = await CreateStoreAsync();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());
        await store.AddAsync(challenge, Ct);

        Assert.Null(await store.TryConsumeAsync(challenge.Id.ToLowerInvariant(), challenge.UserId, challenge.Purpose, Now, Ct));

        Assert.NotNull(await store.TryConsumeAsync(challenge.Id, challenge.UserId, challenge.Purpose, Now, Ct));
    }

    [Fact]
    public async Task TryConsumeAsync_UnknownId_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.TryConsumeAsync("unknown-" + Guid.NewGuid(), SpecificationData.NewUserId(), "webauthn.register", Now, Ct));
    }

    [Fact]
    public async Task AddAsync_DuplicateId_KeepsTheOriginal()
    {
        var store = await CreateStoreAsync();
        var original = SpecificationData.Challenge(SpecificationData.NewUserId());
        await store.AddAsync(original, Ct);
        var duplicate = SpecificationData.Challenge(SpecificationData.NewUserId()) with { Id = original.Id };

        // The contract makes a duplicate id the caller's error; how a store reports it is its own business.
        await Record.ExceptionAsync(() => store.AddAsync(duplicate, Ct));

        StoreAssert.Equal(original, await store.TryConsumeAsync(original.Id, original.UserId, original.Purpose, Now, Ct));
    }

    [Fact]
    public async Task FindAsync_LiveChallenge_ReturnsItWithoutConsumingIt()
    {
        var store = await CreateStoreAsync();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());
        await store.AddAsync(challenge, Ct);

        StoreAssert.Equal(challenge, await store.FindAsync(challenge.Id, challenge.UserId, challenge.Purpose, Now, Ct));

        StoreAssert.Equal(challenge, await store.TryConsumeAsync(challenge.Id, challenge.UserId, challenge.Purpose, Now, Ct));
    }

    [Fact]
    public async Task FindAsync_Expired_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());
        await store.AddAsync(challenge, Ct);

        Assert.Null(await store.FindAsync(challenge.Id, challenge.UserId, challenge.Purpose, challenge.ExpiresAt, Ct));
    }

    [Fact]
    public async Task FindAsync_WrongUser_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());
        await store.AddAsync(challenge, Ct);

        Assert.Null(await store.FindAsync(challenge.Id, SpecificationData.NewUserId(), challenge.Purpose, Now, Ct));
    }

    [Fact]
    public async Task FindAsync_WrongPurpose_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId(), "enrollment.totp");
        await store.AddAsync(challenge, Ct);

        Assert.Null(await store.FindAsync(challenge.Id, challenge.UserId, "ENROLLMENT.TOTP", Now, Ct));
    }

    [Fact]
    public async Task PurgeExpiredAsync_MixedChallenges_RemovesOnlyExpiredAndCountsThem()
    {
        var store = await CreateStoreAsync();
        var userId = SpecificationData.NewUserId();
        var expired1 = SpecificationData.Challenge(userId, lifetime: TimeSpan.FromMinutes(1));
        var expired2 = SpecificationData.Challenge(userId, lifetime: TimeSpan.FromMinutes(2));
        var live = SpecificationData.Challenge(userId, lifetime: TimeSpan.FromMinutes(10));
        foreach (var challenge in new[] { expired1, expired2, live })
        {
            await store.AddAsync(challenge, Ct);
        }

        var purged = await store.PurgeExpiredAsync(SpecificationData.Start.AddMinutes(5), Ct);

        Assert.Equal(2, purged);
        Assert.Null(await store.FindAsync(expired2.Id, userId, expired2.Purpose, Now, Ct));
        Assert.NotNull(await store.FindAsync(live.Id, userId, live.Purpose, Now, Ct));
    }

    [Fact]
    public async Task PurgeExpiredAsync_NothingExpired_ReturnsZero()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(SpecificationData.Challenge(SpecificationData.NewUserId()), Ct);

        Assert.Equal(0, await store.PurgeExpiredAsync(Now, Ct));
    }
}
