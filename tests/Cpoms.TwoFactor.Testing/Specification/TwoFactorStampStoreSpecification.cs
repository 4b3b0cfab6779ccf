using Cpoms.TwoFactor.Core.Stores;

namespace Cpoms.TwoFactor.Testing.Specification;

/// <summary>
/// The contract of <see cref="ITwoFactorStampStore"/>, as its XML documentation states it. Derive once per
/// store implementation; every store must pass every test unchanged.
/// </summary>
public abstract class TwoFactorStampStoreSpecification
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates the store under test. Each test calls it once, first; earlier tests' data may remain.</summary>
    protected abstract Task<ITwoFactorStampStore> CreateStoreAsync();

    /// <summary>
    /// Another store over the same storage as <paramref name="store"/>, as a second application node would
    /// see it. In-process stores return the same instance.
    /// </summary>
    protected virtual ITwoFactorStampStore CreateNode(ITwoFactorStampStore store) => store;

    [Fact]
    public async Task GetStampAsync_FirstUse_ReturnsANonEmptyStamp()
    {
        var store = await CreateStoreAsync();

        Assert.False(string.IsNullOrWhiteSpace(await store.GetStampAsync(SpecificationData.NewUserId(), Ct)));
    }

    [Fact]
    public async Task GetStampAsync_Again_ReturnsTheSameStamp()
    {
        var store = await CreateStoreAsync();
        var userId = SpecificationData.NewUserId();
        var first = await store.GetStampAsync(userId, Ct);

        Assert.Equal(first, await CreateNode(store).GetStampAsync(userId, Ct));
    }

    [Fact]
    public async Task GetStampAsync_ParallelFirstUses_AllReturnOneStamp()
    {
        var store = await CreateStoreAsync();
        var userId = SpecificationData.NewUserId();
        var nodes = Enumerable.Range(0, Concurrently.Callers).Select(_ => CreateNode(store)).ToArray();

        var stamps = await Concurrently.RunAsync(nodes.Length, i => nodes[i].GetStampAsync(userId, Ct));

        Assert.Single(stamps.Distinct(StringComparer.Ordinal));
        Assert.Equal(stamps[0], await store.GetStampAsync(userId, Ct));
    }

    [Fact]
    public async Task GetStampAsync_DifferentUsers_ReturnsDifferentStamps()
    {
        var store = await CreateStoreAsync();
        var userId = SpecificationData.NewUserId();

        var mine = await store.GetStampAsync(userId, Ct);
        var theirs = await store.GetStampAsync(userId.ToUpperInvariant(), Ct);

        Assert.NotEqual(mine, theirs);
    }

    [Fact]
    public async Task RotateStampAsync_ExistingStamp_ReturnsANewStampThatGetThenReturns()
    {
        var store = await CreateStoreAsync();
        var userId = SpecificationData.NewUserId();
        var before = await store.GetStampAsync(userId, Ct);

        var rotated = await store.RotateStampAsync(userId, Ct);

        Assert.NotEqual(before, rotated);
        Assert.Equal(rotated, await CreateNode(store).GetStampAsync(userId, Ct));
    }

    [Fact]
    public async Task RotateStampAsync_BeforeFirstGet_ReturnsTheStampGetThenReturns()
    {
        var store = await CreateStoreAsync();
        var userId = SpecificationData.NewUserId();

        var rotated = await store.RotateStampAsync(userId, Ct);

        Assert.Equal(rotated, await store.GetStampAsync(userId, Ct));
    }

    [Fact]
    public async Task RotateStampAsync_Twice_ReturnsTwoDifferentStamps()
    {
        var store = await CreateStoreAsync();
        var userId = SpecificationData.NewUserId();

        var first = await store.RotateStampAsync(userId, Ct);
        var second = await store.RotateStampAsync(userId, Ct);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task RotateStampAsync_OtherUsers_KeepTheirStamps()
    {
        var store = await CreateStoreAsync();
        var mine = SpecificationData.NewUserId();
        var theirs = SpecificationData.NewUserId();
        var theirStamp = await store.GetStampAsync(theirs, Ct);

        await store.RotateStampAsync(mine, Ct);

        Assert.Equal(theirStamp, await store.GetStampAsync(theirs, Ct));
    }

    [Fact]
    public async Task RotateStampAsync_ParallelRotations_LeaveOneOfTheReturnedStamps()
    {
        var store = await CreateStoreAsync();
        var userId = SpecificationData.NewUserId();
        var nodes = Enumerable.Range(0, Concurrently.Callers).Select(_ => CreateNode(store)).ToArray();

        var rotated = await Concurrently.RunAsync(nodes.Length, i => nodes[i].RotateStampAsync(userId, Ct));

        Assert.Equal(nodes.Length, rotated.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(await store.GetStampAsync(userId, Ct), rotated);
    }
}
