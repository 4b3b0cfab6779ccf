using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.EntityFrameworkCore.Entities;
using Cpoms.TwoFactor.EntityFrameworkCore.Stores;
using Cpoms.TwoFactor.Testing.Specification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Tests.Stores;

// What the stores leave in PostgreSQL, read back with plain SQL rather than through the stores, and how they
// behave inside a host's own transaction.
public sealed class StoredRowTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Table(string name) => $"\"{database.Schema.Name}\".\"{database.Schema.TablePrefix}{name}\"";

    private EntityFrameworkDeviceStore<TestDbContext> DeviceStore(TestDbContext context) =>
        new(context, NullLogger<EntityFrameworkDeviceStore<TestDbContext>>.Instance);

    public async ValueTask DisposeAsync() => await database.DisposeContextsAsync();

    private async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var context = database.CreateContext();
        return (await context.Database.SqlQueryRaw<T>(sql, parameters).ToListAsync(Ct)).Single();
    }

    [Fact]
    public async Task TryAddAsync_SecurityKey_StoresTransportsAsAJsonArray()
    {
        database.Require();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        Assert.True(await DeviceStore(database.CreateContext()).TryAddAsync(device, Ct));

        var transports = await ScalarAsync<string>($"SELECT \"Transports\" AS \"Value\" FROM {Table("Devices")} WHERE \"Id\" = {{0}}", device.Id);

        Assert.Equal("[\"usb\",\"nfc\"]", transports);
    }

    [Fact]
    public async Task TryAddAsync_SecurityKey_StoresTheCredentialIdBytesUnchanged()
    {
        database.Require();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId(), [0x00, 0xFF, 0x61, 0x41]);
        Assert.True(await DeviceStore(database.CreateContext()).TryAddAsync(device, Ct));

        var hex = await ScalarAsync<string>(
            $"SELECT encode(\"CredentialId\", 'hex') AS \"Value\" FROM {Table("Devices")} WHERE \"Id\" = {{0}}", device.Id);

        Assert.Equal("00ff6141", hex);
    }

    [Fact]
    public async Task TryUpdateSecurityKeyStateAsync_MaximumCount_StoresItAsAPositiveBigint()
    {
        database.Require();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        var store = DeviceStore(database.CreateContext());
        Assert.True(await store.TryAddAsync(device, Ct));
        Assert.True(await store.TryUpdateSecurityKeyStateAsync(device.Id, 41, uint.MaxValue, true, true, Ct));

        var count = await ScalarAsync<long>($"SELECT \"SignCount\" AS \"Value\" FROM {Table("Devices")} WHERE \"Id\" = {{0}}", device.Id);

        Assert.Equal(4_294_967_295L, count);
    }

    [Fact]
    public async Task TryAddAsync_TimeWithOffset_StoresTheUtcInstant()
    {
        database.Require();
        var device = SpecificationData.AuthenticatorApp(
            SpecificationData.NewUserId(), new DateTimeOffset(2026, 1, 5, 10, 30, 0, TimeSpan.FromHours(1)));
        Assert.True(await DeviceStore(database.CreateContext()).TryAddAsync(device, Ct));

        var utc = await ScalarAsync<string>(
            $"SELECT to_char(\"RegisteredAt\" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS \"Value\" FROM {Table("Devices")} WHERE \"Id\" = {{0}}",
            device.Id);

        Assert.Equal("2026-01-05 09:30:00", utc);
    }

    [Fact]
    public async Task TryAddAsync_AuthenticatorApp_StoresOnlyTheProtectedSecret()
    {
        database.Require();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await DeviceStore(database.CreateContext()).TryAddAsync(device, Ct));

        var secret = await ScalarAsync<string>(
            $"SELECT \"ProtectedSecret\" AS \"Value\" FROM {Table("Devices")} WHERE \"Id\" = {{0}}", device.Id);

        Assert.Equal(device.AuthenticatorApp!.ProtectedSecret, secret);
    }

    [Fact]
    public async Task RemoveAllAsync_InsideAHostTransaction_JoinsItAndRollsBackWithIt()
    {
        database.Require();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await DeviceStore(database.CreateContext()).TryAddAsync(device, Ct));
        var context = database.CreateContext();
        var store = DeviceStore(context);

        await using (var transaction = await context.Database.BeginTransactionAsync(Ct))
        {
            Assert.Single(await store.RemoveAllAsync(device.UserId, [], Ct));
            await transaction.RollbackAsync(Ct);
        }

        Assert.NotNull(await DeviceStore(database.CreateContext()).FindAsync(device.Id, Ct));
    }

    [Fact]
    public async Task RemoveAllAsync_RetryingExecutionStrategy_RunsItsTransactionThroughTheStrategy()
    {
        database.Require();
        var context = database.CreateContext(retryOnFailure: true);
        var store = DeviceStore(context);
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        // A retrying strategy refuses user-initiated transactions that do not run through it.
        var removed = await store.RemoveAllAsync(device.UserId, [], Ct);

        Assert.Equal([device.Id], StoreAssert.Ids(removed));
    }

    [Fact]
    public async Task IncrementAsync_RetryingExecutionStrategy_Counts()
    {
        database.Require();
        var store = new EntityFrameworkAttemptCounterStore<TestDbContext>(
            database.CreateContext(retryOnFailure: true), NullLogger<EntityFrameworkAttemptCounterStore<TestDbContext>>.Instance);
        var key = "device:" + SpecificationData.NewUserId();
        await store.IncrementAsync(key, SpecificationData.Start, Ct);

        Assert.Equal(2, (await store.IncrementAsync(key, SpecificationData.Start, Ct)).ConsecutiveFailures);
    }

    [Fact]
    public async Task TryInsertAsync_ConflictInsideAHostTransaction_LeavesTheTransactionUsable()
    {
        database.Require();
        var context = database.CreateContext();
        var challenges = new EntityFrameworkChallengeStore<TestDbContext>(context);
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());

        await using var transaction = await context.Database.BeginTransactionAsync(Ct);
        await challenges.AddAsync(challenge, Ct);
        var duplicate = new ChallengeEntity { Id = challenge.Id, UserId = "other", Purpose = "p", ExpiresAt = challenge.ExpiresAt };
        var inserted = await StoreContext.TryInsertAsync(context, duplicate, _ => Task.FromResult(true), Ct);
        context.Notes.Add(new HostNote { Text = "after the conflict" });
        await context.SaveChangesAsync(Ct);
        await transaction.CommitAsync(Ct);

        Assert.False(inserted);
        StoreAssert.Equal(
            challenge,
            await challenges.FindAsync(challenge.Id, challenge.UserId, challenge.Purpose, SpecificationData.Start, Ct));
    }

    [Fact]
    public async Task TryInsertAsync_FailureThatIsNoConflict_Rethrows()
    {
        database.Require();
        var context = database.CreateContext();
        var tooLong = new TwoFactorStampEntity { UserId = new string('u', 300), Stamp = TwoFactorStamps.Create() };

        await Assert.ThrowsAsync<DbUpdateException>(() => StoreContext.TryInsertAsync(context, tooLong, _ => Task.FromResult(false), Ct));

        Assert.Empty(context.ChangeTracker.Entries());
    }

    [Fact]
    public async Task TryAddAsync_Success_LeavesNothingTrackedInTheHostContext()
    {
        database.Require();
        var context = database.CreateContext();

        Assert.True(await DeviceStore(context).TryAddAsync(SpecificationData.SecurityKey(SpecificationData.NewUserId()), Ct));

        Assert.Empty(context.ChangeTracker.Entries());
    }
}
