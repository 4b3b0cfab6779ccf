using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.Core.Tests.Throttling;

/// <summary>
/// The documented defaults (ThrottlingOptions): 3 free failures, then 2 s doubling up to 5 minutes, a 15-minute
/// lockout from the 10th failure, a permanent lock at 100.
/// </summary>
public sealed class AttemptThrottleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckAsync_NoFailures_AllowsAttempt()
    {
        var fixture = new ThrottleFixture();

        Assert.Null(await fixture.Create().CheckAsync("user-1", "device-1", Ct));
    }

    [Fact]
    public async Task RecordFailureAsync_ThirdFailure_StillFree()
    {
        var fixture = new ThrottleFixture();
        await fixture.FailAsync(2);

        var error = await fixture.Create().RecordFailureAsync("user-1", null, Ct);

        Assert.Null(error);
        Assert.Null(await fixture.Create().CheckAsync("user-1", null, Ct));
    }

    [Theory]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(6, 8)]
    [InlineData(7, 16)]
    [InlineData(8, 32)]
    [InlineData(9, 64)]
    public async Task RecordFailureAsync_AfterFreeFailures_DelayDoubles(int failures, int expectedSeconds)
    {
        var fixture = new ThrottleFixture();
        await fixture.FailAsync(failures - 1);
        var now = fixture.Clock.GetUtcNow();

        var error = await fixture.Create().RecordFailureAsync("user-1", null, Ct);

        Assert.Equal("core.throttled", error?.Code);
        Assert.Equal(now.AddSeconds(expectedSeconds), error?.RetryAt);
    }

    [Fact]
    public async Task RecordFailureAsync_DelayLongerThanMaxDelay_IsCapped()
    {
        var fixture = new ThrottleFixture();
        fixture.Options.Throttling.BaseDelay = TimeSpan.FromMinutes(2);
        fixture.Options.Throttling.MaxDelay = TimeSpan.FromMinutes(5);
        await fixture.FailAsync(5);
        var now = fixture.Clock.GetUtcNow();

        var error = await fixture.Create().RecordFailureAsync("user-1", null, Ct);

        Assert.Equal(now.AddMinutes(5), error?.RetryAt);
    }

    [Fact]
    public async Task RecordFailureAsync_HugeLockoutDuration_CapsRetryTimeInsteadOfOverflowing()
    {
        var fixture = new ThrottleFixture();
        fixture.Options.Throttling.LockoutDuration = TimeSpan.MaxValue;
        await fixture.FailAsync(9);

        var error = await fixture.Create().RecordFailureAsync("user-1", null, Ct);

        Assert.Equal(DateTimeOffset.MaxValue, error?.RetryAt);
    }

    [Fact]
    public async Task CheckAsync_WhenDelayHasPassed_AllowsAttempt()
    {
        var fixture = new ThrottleFixture();
        await fixture.FailAsync(4);
        fixture.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(await fixture.Create().CheckAsync("user-1", null, Ct));
    }

    [Fact]
    public async Task CheckAsync_DuringDelay_ReportsRetryTime()
    {
        var fixture = new ThrottleFixture();
        await fixture.FailAsync(4);
        var retryAt = fixture.Clock.GetUtcNow().AddSeconds(2);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        var error = await fixture.Create().CheckAsync("user-1", null, Ct);

        Assert.Equal(retryAt, error?.RetryAt);
        Assert.Contains("wait until", error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordFailureAsync_TenthFailure_LocksOutForFifteenMinutes()
    {
        var fixture = new ThrottleFixture();
        await fixture.FailAsync(9, spacing: TimeSpan.FromMinutes(5));
        var now = fixture.Clock.GetUtcNow();

        var error = await fixture.Create().RecordFailureAsync("user-1", null, Ct);

        Assert.Equal("core.locked_out", error?.Code);
        Assert.Equal(now.AddMinutes(15), error?.RetryAt);
    }

    [Fact]
    public async Task RecordFailureAsync_TenthFailure_WritesLockoutToSecurityLog()
    {
        var fixture = new ThrottleFixture();
        await fixture.FailAsync(10, deviceId: "device-1");

        var entry = Assert.Single(fixture.SecurityLog.Entries);
        Assert.Equal(SecurityEventTypes.LockedOut, entry.Type);
        Assert.Equal("device-1", entry.DeviceId);
    }

    [Fact]
    public async Task RecordFailureAsync_EveryLaterLockout_IsLoggedToo()
    {
        var fixture = new ThrottleFixture();
        await fixture.FailAsync(12, spacing: TimeSpan.FromMinutes(16));

        Assert.Equal(3, fixture.SecurityLog.Entries.Count(e => e.Type == SecurityEventTypes.LockedOut));
    }

    [Fact]
    public async Task CheckAsync_AfterLockoutEnds_AllowsAttempt()
    {
        var fixture = new ThrottleFixture();
        await fixture.FailAsync(10);
        fixture.Clock.Advance(TimeSpan.FromMinutes(15));

        Assert.Null(await fixture.Create().CheckAsync("user-1", null, Ct));
    }

    [Fact]
    public async Task RecordFailureAsync_HundredthFailure_LocksPermanently()
    {
        var fixture = new ThrottleFixture();
        await fixture.FailAsync(99, spacing: TimeSpan.FromMinutes(16));

        var error = await fixture.Create().RecordFailureAsync("user-1", null, Ct);

        Assert.Equal(TwoFactorErrors.LockedOutPermanently, error);
    }

    [Fact]
    public async Task CheckAsync_PermanentLock_OutlastsAnyWait()
    {
        var fixture = new ThrottleFixture();
        await fixture.FailAsync(100);
        fixture.Clock.Advance(TimeSpan.FromDays(365));

        Assert.Equal(TwoFactorErrors.LockedOutPermanently, await fixture.Create().CheckAsync("user-1", null, Ct));
    }

    [Fact]
    public async Task RecordFailureAsync_PermanentLock_IsLoggedAsSuch()
    {
        var fixture = new ThrottleFixture();
        await fixture.FailAsync(100);

        Assert.Contains("until an admin resets", fixture.SecurityLog.Entries[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordSuccessAsync_ClearsUserAndDeviceCounts()
    {
        var fixture = new ThrottleFixture();
        await fixture.FailAsync(5, deviceId: "device-1");

        await fixture.Create().RecordSuccessAsync("user-1", "device-1", Ct);

        Assert.Equal(0, (await fixture.CounterAsync("user:user-1")).ConsecutiveFailures);
        Assert.Equal(0, (await fixture.CounterAsync("device:device-1")).ConsecutiveFailures);
    }

    [Fact]
    public async Task CheckAsync_DeviceLockedLongerThanUser_ReportsLaterTime()
    {
        var fixture = new ThrottleFixture();
        await fixture.FailAsync(10, deviceId: "device-1");
        await fixture.Create().RecordSuccessAsync("user-1", null, Ct);
        var lockedUntil = fixture.Clock.GetUtcNow().AddMinutes(15);

        var error = await fixture.Create().CheckAsync("user-1", "device-1", Ct);

        Assert.Equal(lockedUntil, error?.RetryAt);
    }

    [Fact]
    public async Task ResetAsync_LiftsPermanentLockOfUserAndRemainingDevices()
    {
        var fixture = new ThrottleFixture();
        var kept = await fixture.AddDeviceAsync("user-1", new DeviceKind("HardwareToken"));
        await fixture.FailAsync(100, deviceId: kept.Id);

        await fixture.Create().ResetAsync("user-1", Ct);

        Assert.Null(await fixture.Create().CheckAsync("user-1", kept.Id, Ct));
    }

    [Fact]
    public async Task TryBeginAttemptAsync_Allowed_CountsAttemptBeforeVerification()
    {
        var fixture = new ThrottleFixture();

        var error = await fixture.Create().TryBeginAttemptAsync("user-1", "device-1", Ct);

        Assert.Null(error);
        Assert.Equal(1, (await fixture.CounterAsync("user:user-1")).ConsecutiveFailures);
        Assert.Equal(1, (await fixture.CounterAsync("device:device-1")).ConsecutiveFailures);
    }

    [Fact]
    public async Task RecordFailureAsync_AfterTryBeginAttempt_CountsOnce()
    {
        var fixture = new ThrottleFixture();
        var throttle = fixture.Create();
        await throttle.TryBeginAttemptAsync("user-1", null, Ct);

        await throttle.RecordFailureAsync("user-1", null, Ct);

        Assert.Equal(1, (await fixture.CounterAsync("user:user-1")).ConsecutiveFailures);
    }

    [Fact]
    public async Task RecordSuccessAsync_AfterTryBeginAttempt_ClearsReservation()
    {
        var fixture = new ThrottleFixture();
        var throttle = fixture.Create();
        await throttle.TryBeginAttemptAsync("user-1", "device-1", Ct);

        await throttle.RecordSuccessAsync("user-1", "device-1", Ct);

        Assert.Equal(0, (await fixture.CounterAsync("user:user-1")).ConsecutiveFailures);
    }

    [Fact]
    public async Task TryBeginAttemptAsync_DuringLockout_RefusesWithoutCounting()
    {
        var fixture = new ThrottleFixture();
        await fixture.FailAsync(10);

        var error = await fixture.Create().TryBeginAttemptAsync("user-1", null, Ct);

        Assert.Equal("core.locked_out", error?.Code);
        Assert.Equal(10, (await fixture.CounterAsync("user:user-1")).ConsecutiveFailures);
    }

    [Fact]
    public async Task TryBeginAttemptAsync_ManyParallelAttempts_OnlyFreeOnesProceed()
    {
        var fixture = new ThrottleFixture();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => fixture.Create().TryBeginAttemptAsync("user-1", null, Ct), Ct)));

        // Attempts 1–4 follow at most 3 failures (free); every later one follows a failure that needs a 2 s wait.
        Assert.Equal(4, results.Count(r => r is null));
    }

    [Fact]
    public async Task TryBeginAttemptAsync_ParallelAttemptsAtTheCap_OnlyHundredthProceeds()
    {
        var fixture = new ThrottleFixture();
        await fixture.FailAsync(99);
        fixture.Clock.Advance(TimeSpan.FromMinutes(15));

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => fixture.Create().TryBeginAttemptAsync("user-1", null, Ct), Ct)));

        Assert.Equal(1, results.Count(r => r is null));
    }
}
