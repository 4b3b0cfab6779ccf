using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Totp.Otp;

namespace Cpoms.TwoFactor.Totp.Tests;

public sealed class AuthenticatorAppEnrollmentTests
{
    private static byte[] SecretOf(PendingEnrollment pending) => Base32.Decode(pending.ManualEntryKey);

    [Fact]
    public async Task CompleteAsync_WithCurrentCode_AddsUnverifiedDevice()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();
        var code = ReferenceOtp.TotpCode(SecretOf(pending), host.Clock.GetUtcNow());

        var result = await host.CompleteAsync("user-1", pending.Id, "  My Phone ", code);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("My Phone", result.Value.Name);
        Assert.Equal(DeviceKind.AuthenticatorApp, result.Value.Kind);
        Assert.Null(result.Value.VerifiedAt);
        Assert.Equal(ReferenceOtp.Step(host.Clock.GetUtcNow(), 30), result.Value.AuthenticatorApp!.LastAcceptedTimeStep);
    }

    [Fact]
    public async Task CompleteAsync_Twice_SecondFailsWithChallengeExpired()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();
        var code = ReferenceOtp.TotpCode(SecretOf(pending), host.Clock.GetUtcNow());
        await host.CompleteAsync("user-1", pending.Id, "Phone", code);

        var second = await host.CompleteAsync("user-1", pending.Id, "Phone", code);

        Assert.Equal(TwoFactorErrors.ChallengeExpired.Code, second.Error?.Code);
    }

    [Fact]
    public async Task CompleteAsync_WrongCode_KeepsEnrollmentForRetry()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();
        var right = ReferenceOtp.TotpCode(SecretOf(pending), host.Clock.GetUtcNow());
        var wrong = right == "000000" ? "000001" : "000000";

        var failed = await host.CompleteAsync("user-1", pending.Id, "Phone", wrong);
        var retried = await host.CompleteAsync("user-1", pending.Id, "Phone", right);

        Assert.Equal(TotpErrors.InvalidCode.Code, failed.Error?.Code);
        Assert.True(retried.Succeeded, retried.ToString());
    }

    [Fact]
    public async Task CompleteAsync_EnrollmentCode_CannotSignInAfterwards()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();
        var code = ReferenceOtp.TotpCode(SecretOf(pending), host.Clock.GetUtcNow());
        await host.CompleteAsync("user-1", pending.Id, "Phone", code);

        var signIn = await host.VerifyAsync("user-1", code);

        Assert.Equal(TotpErrors.CodeReplayed.Code, signIn.Error?.Code);
    }
}
