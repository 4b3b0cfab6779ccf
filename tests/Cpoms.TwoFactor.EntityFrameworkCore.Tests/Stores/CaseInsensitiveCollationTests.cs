using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.EntityFrameworkCore.Stores;
using Cpoms.TwoFactor.Testing.Specification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Tests.Stores;

// A host whose database compares the SDK's text columns case-insensitively: PostgreSQL then matches "ABC" to
// "abc" in every WHERE clause. The stores re-check what comes back, so a user still never gets another
// user's devices, challenges or log entries.
public sealed class CaseInsensitiveCollationTests(CaseInsensitivePostgresDatabase database)
    : IClassFixture<CaseInsensitivePostgresDatabase>, IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync() => await database.DisposeContextsAsync();

    private EntityFrameworkDeviceStore<TestDbContext> DeviceStore() =>
        new(database.CreateContext(), NullLogger<EntityFrameworkDeviceStore<TestDbContext>>.Instance);

    private EntityFrameworkChallengeStore<TestDbContext> ChallengeStore() => new(database.CreateContext());

    private async Task<Device> AddDeviceAsync()
    {
        database.Require();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await DeviceStore().TryAddAsync(device, Ct));
        return device;
    }

    [Fact]
    public async Task Database_UpperCasedUserId_MatchesTheRow()
    {
        var device = await AddDeviceAsync();
        await using var context = database.CreateContext();

        // The premise of the other tests: the database itself does not tell the two apart.
        var matches = await context.Database
            .SqlQueryRaw<int>(
                $"SELECT count(*)::int AS \"Value\" FROM \"{database.Schema.Name}\".\"TwoFactorDevices\" WHERE \"UserId\" = {{0}}",
                device.UserId.ToUpperInvariant())
            .ToListAsync(Ct);

        Assert.Equal(1, Assert.Single(matches));
    }

    [Fact]
    public async Task FindAsync_UpperCasedId_ReturnsNull()
    {
        var device = await AddDeviceAsync();

        Assert.Null(await DeviceStore().FindAsync(device.Id.ToUpperInvariant(), Ct));
    }

    [Fact]
    public async Task ListAsync_UpperCasedUserId_ReturnsEmpty()
    {
        var device = await AddDeviceAsync();

        Assert.Empty(await DeviceStore().ListAsync(device.UserId.ToUpperInvariant(), Ct));
    }

    [Fact]
    public async Task TryRemoveAsync_UpperCasedUserId_ReturnsFalseAndKeepsTheDevice()
    {
        var device = await AddDeviceAsync();

        Assert.False(await DeviceStore().TryRemoveAsync(device.UserId.ToUpperInvariant(), device.Id, Ct));

        Assert.NotNull(await DeviceStore().FindAsync(device.Id, Ct));
    }

    [Fact]
    public async Task RemoveAllAsync_UpperCasedUserId_RemovesNothing()
    {
        var device = await AddDeviceAsync();

        Assert.Empty(await DeviceStore().RemoveAllAsync(device.UserId.ToUpperInvariant(), [], Ct));

        Assert.NotNull(await DeviceStore().FindAsync(device.Id, Ct));
    }

    [Fact]
    public async Task TryConsumeAsync_UpperCasedUserId_ReturnsNullAndKeepsTheChallenge()
    {
        database.Require();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());
        await ChallengeStore().AddAsync(challenge, Ct);

        Assert.Null(await ChallengeStore().TryConsumeAsync(
            challenge.Id, challenge.UserId.ToUpperInvariant(), challenge.Purpose, SpecificationData.Start, Ct));

        Assert.NotNull(await ChallengeStore().TryConsumeAsync(
            challenge.Id, challenge.UserId, challenge.Purpose, SpecificationData.Start, Ct));
    }

    [Fact]
    public async Task TryConsumeAsync_LowerCasedId_ReturnsNullAndKeepsTheChallenge()
    {
        database.Require();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());
        await ChallengeStore().AddAsync(challenge, Ct);

        Assert.Null(await ChallengeStore().TryConsumeAsync(
            challenge.Id.ToLowerInvariant(), challenge.UserId, challenge.Purpose, SpecificationData.Start, Ct));

        Assert.NotNull(await ChallengeStore().FindAsync(challenge.Id, challenge.UserId, challenge.Purpose, SpecificationData.Start, Ct));
    }

    [Fact]
    public async Task ListAsync_EventsOfUpperCasedUserId_ReturnsEmpty()
    {
        database.Require();
        var store = new EntityFrameworkSecurityEventStore<TestDbContext>(database.CreateContext());
        var securityEvent = SpecificationData.Event(SpecificationData.NewUserId(), SpecificationData.Start);
        await store.AppendAsync(securityEvent, Ct);

        Assert.Empty(await store.ListAsync(securityEvent.UserId.ToUpperInvariant(), 10, Ct));
    }

    [Fact]
    public async Task GetAsync_UpperCasedCounterKey_ReturnsNone()
    {
        database.Require();
        var store = new EntityFrameworkAttemptCounterStore<TestDbContext>(
            database.CreateContext(), NullLogger<EntityFrameworkAttemptCounterStore<TestDbContext>>.Instance);
        var key = "user:" + SpecificationData.NewUserId();
        await store.IncrementAsync(key, SpecificationData.Start, Ct);

        Assert.Equal(AttemptCounter.None, await store.GetAsync(key.ToUpperInvariant(), Ct));
    }

    [Fact]
    public async Task GetStampAsync_UpperCasedUserIdOfAnExistingStamp_RefusesToShareIt()
    {
        database.Require();
        var store = new EntityFrameworkTwoFactorStampStore<TestDbContext>(
            database.CreateContext(), NullLogger<EntityFrameworkTwoFactorStampStore<TestDbContext>>.Instance);
        var userId = SpecificationData.NewUserId();
        await store.GetStampAsync(userId, Ct);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetStampAsync(userId.ToUpperInvariant(), Ct));

        Assert.Contains("collation", exception.Message, StringComparison.Ordinal);
    }
}
