using System.Security.Cryptography;
using Cpoms.TwoFactor.Totp;

namespace Cpoms.TwoFactor.Totp.Tests;

public sealed class AuthenticatorAppVerifierTests
{
    [Fact]
    public async Task VerifyAsync_CurrentCode_SucceedsAndMarksVerified()
    {
        await using var host = new TotpTestHost();
        var secret = RandomNumberGenerator.GetBytes(20);
        var device = await host.AddDeviceAsync("user-1", secret);

        var result = await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow()));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(device.Id, result.Value.Id);
        Assert.NotNull(result.Value.VerifiedAt);
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

        Assert.Equal(TotpErrors.CodeReplayed.Code, second.Error?.Code);
    }
}
