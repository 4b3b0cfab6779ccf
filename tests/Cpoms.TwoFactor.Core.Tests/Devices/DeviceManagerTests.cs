using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Notifications;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Core.Tests.Support;
using Cpoms.TwoFactor.Core.Throttling;

namespace Cpoms.TwoFactor.Core.Tests.Devices;

public sealed class DeviceManagerTests : IAsyncLifetime
{
    private const string Alice = "alice";
    private const string Admin = "admin";
    private static readonly DeviceKind Merilock = new("Merilock");

    private readonly CoreFixture _fixture = new(o => o.ProtectedDeviceKinds.Add(Merilock));

    private DeviceManager Manager => _fixture.Get<DeviceManager>();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task AddAsync_StoresDeviceUnverified()
    {
        var device = TestDevices.App(Alice);

        var result = await Manager.AddAsync(device, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        var stored = Assert.Single(await Manager.ListAsync(Alice, TestContext.Current.CancellationToken));
        Assert.Equal(device.Id, stored.Id);
        Assert.False(stored.IsVerified);
    }

    [Fact]
    public async Task AddAsync_RotatesTwoFactorStamp()
    {
        var before = await Manager.GetStampAsync(Alice, TestContext.Current.CancellationToken);

        await Manager.AddAsync(TestDevices.App(Alice), TestContext.Current.CancellationToken);

        Assert.NotEqual(before, await Manager.GetStampAsync(Alice, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AddAsync_WritesDeviceAddedWithClientContext()
    {
        var device = TestDevices.App(Alice, "My Phone");

        await Manager.AddAsync(device, TestContext.Current.CancellationToken);

        var entry = Assert.Single(await _fixture.Get<ISecurityLog>().ListAsync(Alice, 10, TestContext.Current.CancellationToken));
        Assert.Equal(SecurityEventTypes.DeviceAdded, entry.Type);
        Assert.Equal(device.Id, entry.DeviceId);
        Assert.Equal("203.0.113.7", entry.IpAddress);
        Assert.Equal("Skipton, United Kingdom", entry.Location);
        Assert.Equal(_fixture.Clock.GetUtcNow(), entry.OccurredAt);
    }

    [Fact]
    public async Task AddAsync_NotifiesUser()
    {
        await Manager.AddAsync(TestDevices.App(Alice, "iPad"), TestContext.Current.CancellationToken);

        var sent = Assert.Single(_fixture.Notifier.Sent);
        Assert.Equal(new TwoFactorNotification(Alice, TwoFactorNotificationKind.DeviceAdded, "iPad", _fixture.Clock.GetUtcNow()), sent);
    }

    [Fact]
    public async Task AddAsync_DuplicateCredentialFailsAndChangesNothing()
    {
        await Manager.AddAsync(TestDevices.Key(Alice, [1, 2, 3]), TestContext.Current.CancellationToken);
        var stamp = await Manager.GetStampAsync(Alice, TestContext.Current.CancellationToken);

        var result = await Manager.AddAsync(TestDevices.Key(Alice, [1, 2, 3], "Second"), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal("core.device_duplicate", result.Error.Code);
        Assert.Single(await Manager.ListAsync(Alice, TestContext.Current.CancellationToken));
        Assert.Equal(stamp, await Manager.GetStampAsync(Alice, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AddAsync_DuplicateCredentialIsLoggedAsFailedEnrollment()
    {
        await Manager.AddAsync(TestDevices.Key(Alice, [9]), TestContext.Current.CancellationToken);

        await Manager.AddAsync(TestDevices.Key(Alice, [9]), TestContext.Current.CancellationToken);

        var latest = (await _fixture.Get<ISecurityLog>().ListAsync(Alice, 1, TestContext.Current.CancellationToken))[0];
        Assert.Equal(SecurityEventTypes.EnrollmentFailed, latest.Type);
        Assert.Equal(SecurityEventOutcome.Failure, latest.Outcome);
    }

    [Fact]
    public async Task RemoveAsync_RemovesOwnDeviceAndRotatesStamp()
    {
        var device = TestDevices.App(Alice);
        await Manager.AddAsync(device, TestContext.Current.CancellationToken);
        var stamp = await Manager.GetStampAsync(Alice, TestContext.Current.CancellationToken);

        var result = await Manager.RemoveAsync(Alice, device.Id, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Empty(await Manager.ListAsync(Alice, TestContext.Current.CancellationToken));
        Assert.NotEqual(stamp, await Manager.GetStampAsync(Alice, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RemoveAsync_SomeoneElsesDeviceIsNotFoundAndKept()
    {
        var device = TestDevices.App("bob");
        await Manager.AddAsync(device, TestContext.Current.CancellationToken);

        var result = await Manager.RemoveAsync(Alice, device.Id, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal("core.device_not_found", result.Error.Code);
        Assert.Single(await Manager.ListAsync("bob", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FindAsync_DoesNotReturnSomeoneElsesDevice()
    {
        var device = TestDevices.App("bob");
        await Manager.AddAsync(device, TestContext.Current.CancellationToken);

        Assert.Null(await Manager.FindAsync(Alice, device.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ResetAsync_RemovesAllButProtectedKinds()
    {
        await Manager.AddAsync(TestDevices.App(Alice), TestContext.Current.CancellationToken);
        await Manager.AddAsync(TestDevices.Key(Alice, [4, 5]), TestContext.Current.CancellationToken);
        var token = TestDevices.OfKind(Alice, Merilock);
        await Manager.AddAsync(token, TestContext.Current.CancellationToken);

        var removed = await Manager.ResetAsync(Alice, Admin, TestContext.Current.CancellationToken);

        Assert.Equal(2, removed.Count);
        var left = Assert.Single(await Manager.ListAsync(Alice, TestContext.Current.CancellationToken));
        Assert.Equal(token.Id, left.Id);
    }

    [Fact]
    public async Task ResetAsync_RotatesStamp()
    {
        await Manager.AddAsync(TestDevices.App(Alice), TestContext.Current.CancellationToken);
        var stamp = await Manager.GetStampAsync(Alice, TestContext.Current.CancellationToken);

        await Manager.ResetAsync(Alice, Admin, TestContext.Current.CancellationToken);

        Assert.NotEqual(stamp, await Manager.GetStampAsync(Alice, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ResetAsync_LogsForUserAndAdmin()
    {
        await Manager.AddAsync(TestDevices.App(Alice), TestContext.Current.CancellationToken);

        await Manager.ResetAsync(Alice, Admin, TestContext.Current.CancellationToken);

        var log = _fixture.Get<ISecurityLog>();
        var userEntry = (await log.ListAsync(Alice, 1, TestContext.Current.CancellationToken))[0];
        var adminEntry = Assert.Single(await log.ListAsync(Admin, 10, TestContext.Current.CancellationToken));
        Assert.Equal((SecurityEventTypes.DevicesReset, Admin), (userEntry.Type, userEntry.ActorId));
        Assert.Equal((SecurityEventTypes.ResetPerformed, Admin), (adminEntry.Type, adminEntry.ActorId));
    }

    [Fact]
    public async Task ResetAsync_ClearsUserLockout()
    {
        var throttle = _fixture.Get<IAttemptThrottle>();
        for (var i = 0; i < 12; i++)
        {
            await throttle.RecordFailureAsync(Alice, null, TestContext.Current.CancellationToken);
        }

        await Manager.ResetAsync(Alice, Admin, TestContext.Current.CancellationToken);

        Assert.Null(await throttle.CheckAsync(Alice, null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ResetAsync_WithNoDevicesLogsNothing()
    {
        var removed = await Manager.ResetAsync(Alice, Admin, TestContext.Current.CancellationToken);

        Assert.Empty(removed);
        Assert.Empty(await _fixture.Get<ISecurityLog>().ListAsync(Alice, 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RecordSuccessfulUseAsync_VerifiesOnFirstUseOnly()
    {
        var device = TestDevices.App(Alice);
        await Manager.AddAsync(device, TestContext.Current.CancellationToken);
        var firstUse = _fixture.Clock.GetUtcNow();
        await Manager.RecordSuccessfulUseAsync(device, TestContext.Current.CancellationToken);
        _fixture.Clock.Advance(TimeSpan.FromHours(2));

        await Manager.RecordSuccessfulUseAsync(device, TestContext.Current.CancellationToken);

        var stored = await _fixture.Get<IDeviceStore>().FindAsync(device.Id, TestContext.Current.CancellationToken);
        Assert.Equal(firstUse, stored!.VerifiedAt);
        Assert.Equal(firstUse + TimeSpan.FromHours(2), stored.LastUsedAt);
    }

    [Fact]
    public async Task RecordSuccessfulUseAsync_WritesFactorSucceeded()
    {
        var device = TestDevices.App(Alice);
        await Manager.AddAsync(device, TestContext.Current.CancellationToken);

        await Manager.RecordSuccessfulUseAsync(device, TestContext.Current.CancellationToken);

        var latest = (await _fixture.Get<ISecurityLog>().ListAsync(Alice, 1, TestContext.Current.CancellationToken))[0];
        Assert.Equal((SecurityEventTypes.FactorSucceeded, device.Id), (latest.Type, latest.DeviceId));
    }
}
