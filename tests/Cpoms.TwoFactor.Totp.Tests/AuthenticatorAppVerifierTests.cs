using System.Security.Cryptography;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.Totp.Tests;

public sealed class AuthenticatorAppVerifierTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Wrong(string code) => code == "000000" ? "000001" : "000000";

    [Fact]
    public async Task VerifyAsync_CurrentCode_SucceedsAndMarksVerifiedAndUsed()
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        var device = await host.AddDeviceAsync("user-1", secret);

        var result = await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow()));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(device.Id, result.Value.Id);
        Assert.Equal(host.Clock.GetUtcNow(), result.Value.VerifiedAt);
        Assert.Equal(host.Clock.GetUtcNow(), result.Value.LastUsedAt);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task VerifyAsync_NeighbouringStep_AcceptedByDefaultWindow(int offset)
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-1", secret);

        var result = await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow(), offset));

        Assert.True(result.Succeeded, result.ToString());
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public async Task VerifyAsync_StepOutsideWindow_InvalidWhenDriftDetectionOff(int offset)
    {
        await using var host = new TotpTestHost(o => o.DriftDetectionRange = TimeSpan.Zero);
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-1", secret);

        var result = await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow(), offset));

        Assert.Equal(TotpErrors.InvalidCode, result.Error);
    }

    [Theory]
    [InlineData(" {0} ")]
    [InlineData("{0}\t")]
    [InlineData("{1} {2}")]
    public async Task VerifyAsync_CodeWithSpaces_Accepted(string format)
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-1", secret);
        var code = ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow());

        var result = await host.VerifyAsync("user-1", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, code, code[..3], code[3..]));

        Assert.True(result.Succeeded, result.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("12-456")]
    [InlineData("١٢٣٤٥٦")]
    [InlineData("123456789012")]
    public async Task VerifyAsync_Malformed_CodeFormatWithConfiguredDigits(string? code)
    {
        await using var host = new TotpTestHost();
        await host.AddDeviceAsync("user-1", RandomNumberGenerator.GetBytes(20));

        var result = await host.VerifyAsync("user-1", code);

        Assert.Equal("totp.code_format", result.Error?.Code);
        Assert.Equal("Please enter the 6-digit code you see on your device", result.Error?.Message);
    }

    [Fact]
    public async Task VerifyAsync_Malformed_IsNotCountedAsAttempt()
    {
        await using var host = new TotpTestHost();
        await host.AddDeviceAsync("user-1", RandomNumberGenerator.GetBytes(20));

        await host.VerifyAsync("user-1", "abc");

        Assert.Equal(0, (await host.Counters.GetAsync("user:user-1", Ct)).ConsecutiveFailures);
    }

    [Fact]
    public async Task VerifyAsync_EightDigitDevice_AcceptsEightDigitCode()
    {
        await using var host = new TotpTestHost(o => o.Digits = 8);
        var secret = RandomNumberGenerator.GetBytes(32);
        await host.AddDeviceAsync("user-1", secret, OtpAlgorithm.Sha256, digits: 8);

        var result = await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow(), algorithm: OtpAlgorithm.Sha256, digits: 8));

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task VerifyAsync_EightDigitDevice_SixDigitsAskForEight()
    {
        await using var host = new TotpTestHost();
        await host.AddDeviceAsync("user-1", RandomNumberGenerator.GetBytes(20), digits: 8);

        var result = await host.VerifyAsync("user-1", "123456");

        Assert.Equal("Please enter the 8-digit code you see on your device", result.Error?.Message);
    }

    [Fact]
    public async Task VerifyAsync_SixtySecondPeriod_UsesDevicePeriod()
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-1", secret, period: 60);

        var result = await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow(), period: 60));

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task VerifyAsync_NoAuthenticatorApp_SaysSo()
    {
        await using var host = new TotpTestHost();

        var result = await host.VerifyAsync("user-1", "123456");

        Assert.Equal(TotpErrors.NoAuthenticatorApp, result.Error);
    }

    [Fact]
    public async Task VerifyAsync_OtherUsersDevice_NotTried()
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-2", secret);

        var result = await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow()));

        Assert.Equal(TotpErrors.NoAuthenticatorApp, result.Error);
    }

    [Fact]
    public async Task VerifyAsync_SecondDevicesCode_ReturnsSecondDevice()
    {
        await using var host = new TotpTestHost();
        await host.AddDeviceAsync("user-1", RandomNumberGenerator.GetBytes(20));
        var secret = RandomNumberGenerator.GetBytes(20);
        var second = await host.AddDeviceAsync("user-1", secret);

        var result = await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow()));

        Assert.Equal(second.Id, result.Value?.Id);
    }

    [Fact]
    public async Task VerifyAsync_SameCodeTwice_SecondIsReplay()
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-1", secret);
        var code = ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow());
        await host.VerifyAsync("user-1", code);

        var second = await host.VerifyAsync("user-1", code);

        Assert.Equal(TotpErrors.CodeReplayed, second.Error);
    }

    [Fact]
    public async Task VerifyAsync_Replay_WritesSecurityEvent()
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        var device = await host.AddDeviceAsync("user-1", secret);
        var code = ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow());
        await host.VerifyAsync("user-1", code);

        await host.VerifyAsync("user-1", code);

        var events = await host.Events.ListAsync("user-1", 10, Ct);
        Assert.Contains(events, e => e.Type == SecurityEventTypes.CodeReplayed && e.DeviceId == device.Id);
    }

    [Fact]
    public async Task VerifyAsync_EarlierStepAfterLaterAccepted_IsReplay()
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-1", secret);
        await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow(), 1));

        var earlier = await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow()));

        Assert.Equal(TotpErrors.CodeReplayed, earlier.Error);
    }

    [Fact]
    public async Task VerifyAsync_NextPeriodsCode_AcceptedAfterEarlierOne()
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-1", secret);
        await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow()));
        host.Clock.Advance(TimeSpan.FromSeconds(30));

        var next = await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow()));

        Assert.True(next.Succeeded, next.ToString());
    }

    [Fact]
    public async Task VerifyAsync_WrongCode_InvalidCodeAndSecurityEvent()
    {
        await using var host = new TotpTestHost(o => o.DriftDetectionRange = TimeSpan.Zero);
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-1", secret);

        var result = await host.VerifyAsync("user-1", Wrong(ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow())));

        Assert.Equal("Incorrect or out of date code", result.Error?.Message);
        Assert.Contains(await host.Events.ListAsync("user-1", 10, Ct), e => e.Type == SecurityEventTypes.FactorFailed);
    }

    [Theory]
    [InlineData(10, "about 300 seconds fast")]
    [InlineData(-8, "about 240 seconds slow")]
    [InlineData(20, "about 600 seconds fast")]
    [InlineData(-2, "about 60 seconds slow")]
    public async Task VerifyAsync_CodeFromDriftedClock_RejectedWithClockDrift(int offset, string expected)
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        var device = await host.AddDeviceAsync("user-1", secret);

        var result = await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow(), offset));

        Assert.Equal("totp.clock_drift", result.Error?.Code);
        Assert.Contains(expected, result.Error?.Message, StringComparison.Ordinal);
        Assert.Null((await host.Devices.FindAsync(device.Id, Ct))!.LastUsedAt);
    }

    [Fact]
    public async Task VerifyAsync_ClockDrift_WritesSecurityEvent()
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        var device = await host.AddDeviceAsync("user-1", secret);

        await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow(), -6));

        var drift = Assert.Single(await host.Events.ListAsync("user-1", 10, Ct), e => e.Type == SecurityEventTypes.ClockDriftDetected);
        Assert.Equal(device.Id, drift.DeviceId);
        Assert.Equal("device clock about 180 seconds slow", drift.Detail);
    }

    [Fact]
    public async Task VerifyAsync_FutureCodeRevealedByClockDrift_NeverAcceptedLater()
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-1", secret);
        var future = ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow(), 5);
        await host.VerifyAsync("user-1", future);
        host.Clock.Advance(TimeSpan.FromSeconds(5 * 30));

        var later = await host.VerifyAsync("user-1", future);

        Assert.Equal(TotpErrors.CodeReplayed, later.Error);
    }

    [Fact]
    public async Task VerifyAsync_PastCodeRevealedByClockDrift_LeavesGuardAlone()
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        var device = await host.AddDeviceAsync("user-1", secret);

        await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow(), -5));

        Assert.Null((await host.Devices.FindAsync(device.Id, Ct))!.AuthenticatorApp!.LastAcceptedTimeStep);
    }

    [Fact]
    public async Task VerifyAsync_BeyondDriftDetectionRange_InvalidCode()
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-1", secret);

        var result = await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow(), 21));

        Assert.Equal(TotpErrors.InvalidCode, result.Error);
    }

    [Fact]
    public async Task VerifyAsync_LearnedDrift_CentresTheWindow()
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-1", secret, driftSteps: 4);

        var result = await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow(), 5));

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task VerifyAsync_AcceptedNeighbour_LearnsDrift()
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-1", secret, driftSteps: 0);

        var result = await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow(), -1));

        Assert.Equal(-1, result.Value?.AuthenticatorApp?.DriftSteps);
    }

    [Fact]
    public async Task VerifyAsync_FourthWrongCode_ThrottledWithRetryTime()
    {
        await using var host = new TotpTestHost(o => o.DriftDetectionRange = TimeSpan.Zero);
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-1", secret);
        var wrong = Wrong(ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow()));
        await host.VerifyAsync("user-1", wrong);
        await host.VerifyAsync("user-1", wrong);
        await host.VerifyAsync("user-1", wrong);

        var fourth = await host.VerifyAsync("user-1", wrong);

        Assert.Equal("core.throttled", fourth.Error?.Code);
        Assert.Equal(host.Clock.GetUtcNow().AddSeconds(2), fourth.Error?.RetryAt);
    }

    [Fact]
    public async Task VerifyAsync_RightCodeWhileThrottled_Refused()
    {
        await using var host = new TotpTestHost(o => o.DriftDetectionRange = TimeSpan.Zero);
        var secret = RandomNumberGenerator.GetBytes(20);
        var device = await host.AddDeviceAsync("user-1", secret);
        var right = ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow());
        for (var i = 0; i < 4; i++)
        {
            await host.VerifyAsync("user-1", Wrong(right));
        }

        var result = await host.VerifyAsync("user-1", right);

        Assert.Equal("core.throttled", result.Error?.Code);
        Assert.Null((await host.Devices.FindAsync(device.Id, Ct))!.LastUsedAt);
    }

    [Fact]
    public async Task VerifyAsync_Success_ResetsFailureCount()
    {
        await using var host = new TotpTestHost(o => o.DriftDetectionRange = TimeSpan.Zero);
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-1", secret);
        var right = ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow());
        await host.VerifyAsync("user-1", Wrong(right));
        await host.VerifyAsync("user-1", Wrong(right));

        await host.VerifyAsync("user-1", right);

        Assert.Equal(0, (await host.Counters.GetAsync("user:user-1", Ct)).ConsecutiveFailures);
    }

    [Fact]
    public async Task VerifyAsync_UnreadableSecret_TreatedAsWrongCode()
    {
        await using var host = new TotpTestHost(o => o.DriftDetectionRange = TimeSpan.Zero);
        var device = new Device
        {
            Id = DeviceIds.Create(),
            UserId = "user-1",
            Kind = DeviceKind.AuthenticatorApp,
            Name = "Phone",
            RegisteredAt = host.Clock.GetUtcNow(),
            AuthenticatorApp = new AuthenticatorAppData { ProtectedSecret = "not-a-protected-value" },
        };
        await host.Devices.TryAddAsync(device, Ct);

        var result = await host.VerifyAsync("user-1", "123456");

        Assert.Equal(TotpErrors.InvalidCode, result.Error);
    }

    [Theory]
    [InlineData(0, 6)]
    [InlineData(30, 5)]
    [InlineData(30, 9)]
    [InlineData(-30, 6)]
    public async Task VerifyAsync_DamagedDeviceParameters_DeviceIgnored(int period, int digits)
    {
        await using var host = new TotpTestHost();
        await host.AddDeviceAsync("user-1", RandomNumberGenerator.GetBytes(20), digits: digits, period: period);

        var result = await host.VerifyAsync("user-1", "123456");

        Assert.Equal(TotpErrors.NoAuthenticatorApp, result.Error);
    }

    [Fact]
    public async Task VerifyAsync_SameCodeFromManyThreads_AcceptedExactlyOnce()
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        await host.AddDeviceAsync("user-1", secret);
        var code = ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow());

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => host.VerifyAsync("user-1", code), Ct)));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.NotEqual(TotpErrors.InvalidCode, r.Error));
    }
}
