using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Stores;

namespace Cpoms.TwoFactor.Testing.Specification;

/// <summary>
/// The contract of <see cref="IDeviceStore"/>, as its XML documentation states it. Derive once per store
/// implementation; every store must pass every test unchanged.
/// </summary>
public abstract class DeviceStoreSpecification
{
    private static readonly DeviceKind HardwareToken = new("HardwareToken");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates the store under test. Each test calls it once, first; earlier tests' data may remain.</summary>
    protected abstract Task<IDeviceStore> CreateStoreAsync();

    /// <summary>
    /// Another store over the same storage as <paramref name="store"/>, as a second application node would
    /// see it (for a database store: a new connection and context). In-process stores return the same instance.
    /// </summary>
    protected virtual IDeviceStore CreateNode(IDeviceStore store) => store;

    [Fact]
    public async Task FindAsync_AddedAuthenticatorApp_ReturnsEveryField()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        StoreAssert.Equal(device, await CreateNode(store).FindAsync(device.Id, Ct));
    }

    [Fact]
    public async Task FindAsync_AddedSecurityKey_ReturnsEveryField()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        StoreAssert.Equal(device, await CreateNode(store).FindAsync(device.Id, Ct));
    }

    [Fact]
    public async Task FindAsync_HostDefinedKindWithoutKindData_ReturnsIt()
    {
        var store = await CreateStoreAsync();
        var device = new Device
        {
            Id = DeviceIds.Create(),
            UserId = SpecificationData.NewUserId(),
            Kind = HardwareToken,
            Name = "Token",
            RegisteredAt = SpecificationData.Start,
        };
        Assert.True(await store.TryAddAsync(device, Ct));

        StoreAssert.Equal(device, await store.FindAsync(device.Id, Ct));
    }

    [Fact]
    public async Task FindAsync_UsedDevice_ReturnsUseTimes()
    {
        var store = await CreateStoreAsync();
        var enrolled = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        var device = enrolled with
        {
            LastUsedAt = SpecificationData.Start.AddDays(2),
            VerifiedAt = SpecificationData.Start.AddDays(1),
            AuthenticatorApp = enrolled.AuthenticatorApp! with { LastAcceptedTimeStep = 59_000_000, DriftSteps = -2 },
        };
        Assert.True(await store.TryAddAsync(device, Ct));

        StoreAssert.Equal(device, await store.FindAsync(device.Id, Ct));
    }

    [Fact]
    public async Task FindAsync_TimeWithOffset_ReturnsTheSameInstant()
    {
        var store = await CreateStoreAsync();
        var registeredAt = new DateTimeOffset(2026, 3, 29, 1, 30, 0, 123, TimeSpan.FromHours(1));
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId(), registeredAt);
        Assert.True(await store.TryAddAsync(device, Ct));

        var found = await store.FindAsync(device.Id, Ct);

        Assert.Equal(registeredAt.UtcDateTime, found!.RegisteredAt.UtcDateTime);
    }

    [Fact]
    public async Task FindAsync_CallerChangesTheArraysItAdded_ReturnsTheStoredBytes()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        var added = device with { SecurityKey = CopyKey(device.SecurityKey!) };
        Assert.True(await store.TryAddAsync(added, Ct));

        Scribble(added.SecurityKey!);

        StoreAssert.Equal(device, await store.FindAsync(device.Id, Ct));
    }

    [Fact]
    public async Task FindAsync_CallerChangesTheArraysItRead_ReturnsTheStoredBytes()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device with { SecurityKey = CopyKey(device.SecurityKey!) }, Ct));

        // Device: "stores return a new instance for every read".
        Scribble((await store.FindAsync(device.Id, Ct))!.SecurityKey!);

        StoreAssert.Equal(device, await store.FindAsync(device.Id, Ct));
    }

    [Fact]
    public async Task FindAsync_UnknownId_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.FindAsync(DeviceIds.Create(), Ct));
    }

    [Fact]
    public async Task FindAsync_IdDifferingOnlyInCase_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        Assert.Null(await store.FindAsync(device.Id.ToUpperInvariant(), Ct));
    }

    [Fact]
    public async Task FindByCredentialIdAsync_AddedKey_ReturnsIt()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        var found = await CreateNode(store).FindByCredentialIdAsync(device.SecurityKey!.CredentialId.ToArray(), Ct);

        StoreAssert.Equal(device, found);
    }

    [Fact]
    public async Task FindByCredentialIdAsync_UnknownCredentialId_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.FindByCredentialIdAsync(SpecificationData.NewCredentialId(), Ct));
    }

    [Fact]
    public async Task FindByCredentialIdAsync_LongerCredentialIdWithSamePrefix_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        Assert.Null(await store.FindByCredentialIdAsync((byte[])[.. device.SecurityKey!.CredentialId, 0x00], Ct));
    }

    [Fact]
    public async Task FindByCredentialIdAsync_CredentialIdsWhoseBase64DiffersOnlyInCase_StayDistinct()
    {
        // Base64 "AAAAAAAA" and "aaaaaaaa" are different byte strings; a store keyed by base64 text under a
        // case-insensitive comparison would confuse them. The random suffix keeps the test repeatable.
        var suffix = SpecificationData.NewCredentialId();
        byte[] upper = [.. Convert.FromBase64String("AAAAAAAA"), .. suffix];
        byte[] lower = [.. Convert.FromBase64String("aaaaaaaa"), .. suffix];
        var store = await CreateStoreAsync();
        var first = SpecificationData.SecurityKey(SpecificationData.NewUserId(), upper);
        var second = SpecificationData.SecurityKey(SpecificationData.NewUserId(), lower);
        Assert.True(await store.TryAddAsync(first, Ct));
        Assert.True(await store.TryAddAsync(second, Ct));

        Assert.Equal(first.Id, (await store.FindByCredentialIdAsync(upper, Ct))?.Id);
        Assert.Equal(second.Id, (await store.FindByCredentialIdAsync(lower, Ct))?.Id);
    }

    [Fact]
    public async Task ListAsync_SeveralDevices_ReturnsOnlyThatUsersDevicesOldestFirst()
    {
        var store = await CreateStoreAsync();
        var userId = SpecificationData.NewUserId();
        var newest = SpecificationData.SecurityKey(userId, registeredAt: SpecificationData.Start.AddHours(2));
        var oldest = SpecificationData.AuthenticatorApp(userId, SpecificationData.Start);
        var middle = SpecificationData.AuthenticatorApp(userId, SpecificationData.Start.AddHours(1));
        var someoneElses = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId(), SpecificationData.Start.AddMinutes(30));
        foreach (var device in new[] { newest, someoneElses, oldest, middle })
        {
            Assert.True(await store.TryAddAsync(device, Ct));
        }

        var listed = await CreateNode(store).ListAsync(userId, Ct);

        Assert.Equal([oldest.Id, middle.Id, newest.Id], StoreAssert.Ids(listed));
    }

    [Fact]
    public async Task ListAsync_ReturnsEveryField()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        var listed = await store.ListAsync(device.UserId, Ct);

        StoreAssert.Equal(device, Assert.Single(listed));
    }

    [Fact]
    public async Task ListAsync_UnknownUser_ReturnsEmpty()
    {
        var store = await CreateStoreAsync();

        Assert.Empty(await store.ListAsync(SpecificationData.NewUserId(), Ct));
    }

    [Fact]
    public async Task ListAsync_UserIdDifferingOnlyInCase_ReturnsEmpty()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        Assert.Empty(await store.ListAsync(device.UserId.ToUpperInvariant(), Ct));
    }

    [Fact]
    public async Task TryAddAsync_DuplicateId_ReturnsFalseAndKeepsTheOriginal()
    {
        var store = await CreateStoreAsync();
        var original = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(original, Ct));
        var duplicate = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId()) with { Id = original.Id, Name = "Other" };

        Assert.False(await store.TryAddAsync(duplicate, Ct));

        StoreAssert.Equal(original, await store.FindAsync(original.Id, Ct));
        Assert.Empty(await store.ListAsync(duplicate.UserId, Ct));
    }

    [Fact]
    public async Task TryAddAsync_DuplicateCredentialId_ReturnsFalseAndKeepsTheOriginal()
    {
        var store = await CreateStoreAsync();
        var original = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(original, Ct));
        var duplicate = SpecificationData.SecurityKey(SpecificationData.NewUserId(), original.SecurityKey!.CredentialId.ToArray());

        Assert.False(await store.TryAddAsync(duplicate, Ct));

        Assert.Equal(original.Id, (await store.FindByCredentialIdAsync(original.SecurityKey.CredentialId, Ct))?.Id);
        Assert.Null(await store.FindAsync(duplicate.Id, Ct));
    }

    [Fact]
    public async Task TryAddAsync_ParallelAddsOfOneCredentialId_ExactlyOneSucceeds()
    {
        var store = await CreateStoreAsync();
        var credentialId = SpecificationData.NewCredentialId();
        var devices = Enumerable.Range(0, Concurrently.Callers)
            .Select(_ => SpecificationData.SecurityKey(SpecificationData.NewUserId(), credentialId.ToArray()))
            .ToArray();
        var nodes = devices.Select(_ => CreateNode(store)).ToArray();

        var added = await Concurrently.RunAsync(devices.Length, i => nodes[i].TryAddAsync(devices[i], Ct));

        var winner = Assert.Single(devices.Where((_, i) => added[i]));
        Assert.Equal(winner.Id, (await store.FindByCredentialIdAsync(credentialId, Ct))?.Id);
    }

    [Fact]
    public async Task TryAddAsync_AfterFailedDuplicate_StoreStillAcceptsNewDevices()
    {
        var store = await CreateStoreAsync();
        var original = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(original, Ct));
        Assert.False(await store.TryAddAsync(original with { Id = DeviceIds.Create() }, Ct));
        var next = SpecificationData.AuthenticatorApp(original.UserId, original.RegisteredAt.AddMinutes(1));

        Assert.True(await store.TryAddAsync(next, Ct));

        Assert.Equal([original.Id, next.Id], StoreAssert.Ids(await store.ListAsync(original.UserId, Ct)));
    }

    [Fact]
    public async Task TryRemoveAsync_OwnDevice_RemovesItAndFreesItsCredentialId()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        Assert.True(await store.TryRemoveAsync(device.UserId, device.Id, Ct));

        Assert.Null(await store.FindAsync(device.Id, Ct));
        Assert.Null(await store.FindByCredentialIdAsync(device.SecurityKey!.CredentialId, Ct));
        Assert.True(await store.TryAddAsync(device with { Id = DeviceIds.Create() }, Ct));
    }

    [Fact]
    public async Task TryRemoveAsync_OtherUsersDevice_ReturnsFalseAndKeepsIt()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        Assert.False(await store.TryRemoveAsync(SpecificationData.NewUserId(), device.Id, Ct));

        Assert.NotNull(await store.FindAsync(device.Id, Ct));
    }

    [Fact]
    public async Task TryRemoveAsync_UserIdDifferingOnlyInCase_ReturnsFalseAndKeepsIt()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        Assert.False(await store.TryRemoveAsync(device.UserId.ToUpperInvariant(), device.Id, Ct));

        Assert.NotNull(await store.FindAsync(device.Id, Ct));
    }

    [Fact]
    public async Task TryRemoveAsync_UnknownDevice_ReturnsFalse()
    {
        var store = await CreateStoreAsync();

        Assert.False(await store.TryRemoveAsync(SpecificationData.NewUserId(), DeviceIds.Create(), Ct));
    }

    [Fact]
    public async Task TryRemoveAsync_ParallelRemovals_ExactlyOneSucceeds()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));
        var nodes = Enumerable.Range(0, Concurrently.Callers).Select(_ => CreateNode(store)).ToArray();

        var removed = await Concurrently.RunAsync(nodes.Length, i => nodes[i].TryRemoveAsync(device.UserId, device.Id, Ct));

        Assert.Single(removed, r => r);
    }

    [Fact]
    public async Task RemoveAllAsync_UnprotectedDevices_RemovesAndReturnsThemOldestFirst()
    {
        var store = await CreateStoreAsync();
        var userId = SpecificationData.NewUserId();
        var key = SpecificationData.SecurityKey(userId, registeredAt: SpecificationData.Start.AddHours(1));
        var app = SpecificationData.AuthenticatorApp(userId, SpecificationData.Start);
        Assert.True(await store.TryAddAsync(key, Ct));
        Assert.True(await store.TryAddAsync(app, Ct));

        var removed = await store.RemoveAllAsync(userId, [], Ct);

        Assert.Equal([app.Id, key.Id], StoreAssert.Ids(removed));
        StoreAssert.Equal(key, removed[1]);
        Assert.Empty(await store.ListAsync(userId, Ct));
        Assert.Null(await store.FindByCredentialIdAsync(key.SecurityKey!.CredentialId, Ct));
    }

    [Fact]
    public async Task RemoveAllAsync_ProtectedKinds_KeepsThem()
    {
        var store = await CreateStoreAsync();
        var userId = SpecificationData.NewUserId();
        var key = SpecificationData.SecurityKey(userId);
        var app = SpecificationData.AuthenticatorApp(userId);
        var token = new Device
        {
            Id = DeviceIds.Create(), UserId = userId, Kind = HardwareToken, Name = "Token", RegisteredAt = SpecificationData.Start,
        };
        foreach (var device in new[] { key, app, token })
        {
            Assert.True(await store.TryAddAsync(device, Ct));
        }

        var removed = await store.RemoveAllAsync(userId, [HardwareToken, DeviceKind.SecurityKey], Ct);

        Assert.Equal([app.Id], StoreAssert.Ids(removed));
        Assert.Equal(
            new[] { key.Id, token.Id }.Order(StringComparer.Ordinal),
            StoreAssert.Ids(await store.ListAsync(userId, Ct)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RemoveAllAsync_OtherUsersDevices_LeavesThemAlone()
    {
        var store = await CreateStoreAsync();
        var mine = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        var theirs = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(mine, Ct));
        Assert.True(await store.TryAddAsync(theirs, Ct));

        await store.RemoveAllAsync(mine.UserId, [], Ct);

        Assert.NotNull(await store.FindAsync(theirs.Id, Ct));
    }

    [Fact]
    public async Task RemoveAllAsync_NoDevices_ReturnsEmpty()
    {
        var store = await CreateStoreAsync();

        Assert.Empty(await store.RemoveAllAsync(SpecificationData.NewUserId(), [], Ct));
    }

    [Fact]
    public async Task RemoveAllAsync_ParallelResets_ReturnEachDeviceExactlyOnce()
    {
        var store = await CreateStoreAsync();
        var userId = SpecificationData.NewUserId();
        var devices = Enumerable.Range(0, 4)
            .Select(i => SpecificationData.AuthenticatorApp(userId, SpecificationData.Start.AddMinutes(i)))
            .ToArray();
        foreach (var device in devices)
        {
            Assert.True(await store.TryAddAsync(device, Ct));
        }

        var nodes = Enumerable.Range(0, Concurrently.Callers).Select(_ => CreateNode(store)).ToArray();

        var removed = await Concurrently.RunAsync(nodes.Length, i => nodes[i].RemoveAllAsync(userId, [], Ct));

        Assert.Equal(
            StoreAssert.Ids(devices).Order(StringComparer.Ordinal),
            removed.SelectMany(StoreAssert.Ids).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TryAdvanceTimeStepAsync_FirstStep_RecordsStepAndDrift()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        Assert.True(await store.TryAdvanceTimeStepAsync(device.Id, 59_000_001, -1, Ct));

        var app = (await store.FindAsync(device.Id, Ct))!.AuthenticatorApp!;
        Assert.Equal(59_000_001, app.LastAcceptedTimeStep);
        Assert.Equal(-1, app.DriftSteps);
    }

    [Fact]
    public async Task TryAdvanceTimeStepAsync_LaterStep_ReturnsTrue()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));
        Assert.True(await store.TryAdvanceTimeStepAsync(device.Id, 100, 0, Ct));

        Assert.True(await store.TryAdvanceTimeStepAsync(device.Id, 101, 1, Ct));

        Assert.Equal(101, (await store.FindAsync(device.Id, Ct))!.AuthenticatorApp!.LastAcceptedTimeStep);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(99)]
    [InlineData(0)]
    public async Task TryAdvanceTimeStepAsync_StepNotAfterTheLastOne_ReturnsFalseAndChangesNothing(long step)
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));
        Assert.True(await store.TryAdvanceTimeStepAsync(device.Id, 100, 2, Ct));

        Assert.False(await store.TryAdvanceTimeStepAsync(device.Id, step, -3, Ct));

        var app = (await store.FindAsync(device.Id, Ct))!.AuthenticatorApp!;
        Assert.Equal(100, app.LastAcceptedTimeStep);
        Assert.Equal(2, app.DriftSteps);
    }

    [Fact]
    public async Task TryAdvanceTimeStepAsync_SecurityKey_ReturnsFalse()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        Assert.False(await store.TryAdvanceTimeStepAsync(device.Id, 100, 0, Ct));
    }

    [Fact]
    public async Task TryAdvanceTimeStepAsync_UnknownDevice_ReturnsFalse()
    {
        var store = await CreateStoreAsync();

        Assert.False(await store.TryAdvanceTimeStepAsync(DeviceIds.Create(), 100, 0, Ct));
    }

    [Fact]
    public async Task TryAdvanceTimeStepAsync_ParallelCallsWithOneStep_ExactlyOneSucceeds()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));
        var nodes = Enumerable.Range(0, Concurrently.Callers).Select(_ => CreateNode(store)).ToArray();

        var advanced = await Concurrently.RunAsync(nodes.Length, i => nodes[i].TryAdvanceTimeStepAsync(device.Id, 1000, 0, Ct));

        Assert.Single(advanced, a => a);
    }

    [Fact]
    public async Task TryAdvanceTimeStepAsync_ParallelIncreasingSteps_NeverGoesBackwards()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));
        var nodes = Enumerable.Range(0, Concurrently.Callers).Select(_ => CreateNode(store)).ToArray();
        var highest = 1000L + nodes.Length - 1;

        var advanced = await Concurrently.RunAsync(nodes.Length, i => nodes[i].TryAdvanceTimeStepAsync(device.Id, 1000 + i, i, Ct));

        Assert.True(advanced[^1], "The highest step is later than every other, so it must be accepted.");
        var app = (await store.FindAsync(device.Id, Ct))!.AuthenticatorApp!;
        Assert.Equal(highest, app.LastAcceptedTimeStep);
        Assert.Equal(nodes.Length - 1, app.DriftSteps);
    }

    [Fact]
    public async Task TryUpdateSecurityKeyStateAsync_ExpectedCount_UpdatesCountAndBackupFlags()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        Assert.True(await store.TryUpdateSecurityKeyStateAsync(device.Id, 41, uint.MaxValue, false, true, Ct));

        var expected = device with
        {
            SecurityKey = device.SecurityKey! with { SignCount = uint.MaxValue, BackupEligible = false, BackedUp = true },
        };
        StoreAssert.Equal(expected, await store.FindAsync(device.Id, Ct));
    }

    [Fact]
    public async Task TryUpdateSecurityKeyStateAsync_StaleExpectedCount_ReturnsFalseAndChangesNothing()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        Assert.False(await store.TryUpdateSecurityKeyStateAsync(device.Id, 40, 42, false, true, Ct));

        StoreAssert.Equal(device, await store.FindAsync(device.Id, Ct));
    }

    [Fact]
    public async Task TryUpdateSecurityKeyStateAsync_AuthenticatorApp_ReturnsFalse()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));

        Assert.False(await store.TryUpdateSecurityKeyStateAsync(device.Id, 0, 1, false, false, Ct));
    }

    [Fact]
    public async Task TryUpdateSecurityKeyStateAsync_UnknownDevice_ReturnsFalse()
    {
        var store = await CreateStoreAsync();

        Assert.False(await store.TryUpdateSecurityKeyStateAsync(DeviceIds.Create(), 0, 1, false, false, Ct));
    }

    [Fact]
    public async Task TryUpdateSecurityKeyStateAsync_ParallelSwapsFromOneCount_ExactlyOneWins()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));
        var nodes = Enumerable.Range(0, Concurrently.Callers).Select(_ => CreateNode(store)).ToArray();

        var swapped = await Concurrently.RunAsync(
            nodes.Length, i => nodes[i].TryUpdateSecurityKeyStateAsync(device.Id, 41, 42 + (uint)i, true, false, Ct));

        var winner = Assert.Single(Enumerable.Range(0, nodes.Length), i => swapped[i]);
        Assert.Equal(42 + (uint)winner, (await store.FindAsync(device.Id, Ct))!.SecurityKey!.SignCount);
    }

    [Fact]
    public async Task TryRecordUseAsync_FirstUse_SetsLastUsedAndVerified()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));
        var usedAt = SpecificationData.Start.AddMinutes(3);

        Assert.True(await store.TryRecordUseAsync(device.Id, usedAt, Ct));

        var found = (await store.FindAsync(device.Id, Ct))!;
        Assert.Equal(usedAt, found.LastUsedAt);
        Assert.Equal(usedAt, found.VerifiedAt);
    }

    [Fact]
    public async Task TryRecordUseAsync_LaterUse_MovesLastUsedAndKeepsVerified()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));
        var firstUse = SpecificationData.Start.AddMinutes(3);
        var secondUse = SpecificationData.Start.AddDays(1);
        Assert.True(await store.TryRecordUseAsync(device.Id, firstUse, Ct));

        Assert.True(await store.TryRecordUseAsync(device.Id, secondUse, Ct));

        var found = (await store.FindAsync(device.Id, Ct))!;
        Assert.Equal(secondUse, found.LastUsedAt);
        Assert.Equal(firstUse, found.VerifiedAt);
    }

    [Fact]
    public async Task TryRecordUseAsync_UnknownDevice_ReturnsFalse()
    {
        var store = await CreateStoreAsync();

        Assert.False(await store.TryRecordUseAsync(DeviceIds.Create(), SpecificationData.Start, Ct));
    }

    [Fact]
    public async Task TryRecordUseAsync_Use_LeavesKindDataAlone()
    {
        var store = await CreateStoreAsync();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        Assert.True(await store.TryAddAsync(device, Ct));
        var usedAt = SpecificationData.Start.AddMinutes(1);

        Assert.True(await store.TryRecordUseAsync(device.Id, usedAt, Ct));

        StoreAssert.Equal(device with { LastUsedAt = usedAt, VerifiedAt = usedAt }, await store.FindAsync(device.Id, Ct));
    }

    private static SecurityKeyData CopyKey(SecurityKeyData key) => key with
    {
        CredentialId = key.CredentialId.ToArray(),
        PublicKey = key.PublicKey.ToArray(),
        UserHandle = key.UserHandle.ToArray(),
    };

    private static void Scribble(SecurityKeyData key)
    {
        key.CredentialId[0] ^= 0xFF;
        key.PublicKey[0] ^= 0xFF;
        key.UserHandle[0] ^= 0xFF;
    }
}
