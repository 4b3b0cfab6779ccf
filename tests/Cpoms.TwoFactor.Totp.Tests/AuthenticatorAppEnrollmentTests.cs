using System.Text.RegularExpressions;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Totp.Otp;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.Totp.Tests;

public sealed partial class AuthenticatorAppEnrollmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] SecretOf(PendingEnrollment pending) => Base32.Decode(pending.ManualEntryKey);

    private static string Wrong(string code) => code == "000000" ? "000001" : "000000";

    [GeneratedRegex("^[A-Z2-7]{4}( [A-Z2-7]{4})*( [A-Z2-7]{1,3})?$")]
    private static partial Regex GroupedBase32();

    [Fact]
    public async Task BeginAsync_ManualEntryKey_Is160BitsInGroupsOfFour()
    {
        await using var host = new TotpTestHost();

        var pending = await host.BeginAsync();

        Assert.Matches(GroupedBase32(), pending.ManualEntryKey);
        Assert.Equal(20, SecretOf(pending).Length);
    }

    [Fact]
    public async Task BeginAsync_KeyUri_CarriesIssuerAccountAndSameSecret()
    {
        await using var host = new TotpTestHost();

        var pending = await host.BeginAsync(account: "alice@example.org");

        var uri = KeyUri.Parse(pending.KeyUri);
        Assert.Equal(("Contoso", "alice@example.org"), (uri.Issuer, uri.AccountName));
        Assert.Equal(SecretOf(pending), uri.Secret);
    }

    [Fact]
    public async Task BeginAsync_ConfiguredParameters_InKeyUri()
    {
        await using var host = new TotpTestHost(o =>
        {
            o.Issuer = "CPOMS StudentSafe";
            o.Algorithm = OtpAlgorithm.Sha512;
            o.Digits = 8;
            o.Period = TimeSpan.FromSeconds(60);
            o.SecretSizeBytes = 64;
        });

        var uri = KeyUri.Parse((await host.BeginAsync()).KeyUri);

        Assert.Equal(("CPOMS StudentSafe", OtpAlgorithm.Sha512, 8, 60, 64), (uri.Issuer, uri.Algorithm, uri.Digits, uri.PeriodSeconds, uri.Secret.Length));
    }

    [Fact]
    public async Task BeginAsync_TwoCalls_DifferentSecrets()
    {
        await using var host = new TotpTestHost();

        var first = await host.BeginAsync();
        var second = await host.BeginAsync();

        Assert.NotEqual(first.ManualEntryKey, second.ManualEntryKey);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task BeginAsync_ExpiresAfterEnrollmentLifetime()
    {
        await using var host = new TotpTestHost(configureCore: o => o.EnrollmentLifetime = TimeSpan.FromMinutes(7));

        var pending = await host.BeginAsync();

        Assert.Equal(host.Clock.GetUtcNow().AddMinutes(7), pending.ExpiresAt);
    }

    [Fact]
    public async Task BeginAsync_StoredStateHoldsNoPlainSecret()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();

        var challenge = await host.Services.GetRequiredService<IChallengeStore>()
            .FindAsync(pending.Id, "user-1", "totp.enroll", host.Clock.GetUtcNow(), Ct);

        Assert.DoesNotContain(pending.ManualEntryKey.Replace(" ", "", StringComparison.Ordinal)[..16], challenge!.State, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(SecretOf(pending)), challenge.State, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PendingEnrollment_ToString_OmitsTheSecret()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();

        var text = pending.ToString();

        Assert.Contains(pending.Id, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Base32.Encode(SecretOf(pending))[..8], text, StringComparison.Ordinal);
        Assert.DoesNotContain("otpauth", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAsync_SameUser_ReturnsSameEnrollment()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();

        var found = await host.InScopeAsync(s => s.GetRequiredService<AuthenticatorAppEnrollment>().FindAsync("user-1", pending.Id, Ct));

        Assert.Equal(pending, found);
    }

    [Fact]
    public async Task FindAsync_OtherUser_ReturnsNull()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();

        var found = await host.InScopeAsync(s => s.GetRequiredService<AuthenticatorAppEnrollment>().FindAsync("user-2", pending.Id, Ct));

        Assert.Null(found);
    }

    [Fact]
    public async Task FindAsync_Expired_ReturnsNull()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(10));

        var found = await host.InScopeAsync(s => s.GetRequiredService<AuthenticatorAppEnrollment>().FindAsync("user-1", pending.Id, Ct));

        Assert.Null(found);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-such-enrollment")]
    public async Task FindAsync_Unknown_ReturnsNull(string? id)
    {
        await using var host = new TotpTestHost();

        var found = await host.InScopeAsync(s => s.GetRequiredService<AuthenticatorAppEnrollment>().FindAsync("user-1", id!, Ct));

        Assert.Null(found);
    }

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
    public async Task CompleteAsync_StoresSecretProtected()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();
        var secret = SecretOf(pending);

        var device = (await host.CompleteAsync("user-1", pending.Id, "Phone", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow()))).Value!;

        Assert.DoesNotContain(Base32.Encode(secret)[..16], device.AuthenticatorApp!.ProtectedSecret, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(secret, host.Protector.Unprotect(device.AuthenticatorApp.ProtectedSecret));
    }

    [Fact]
    public async Task CompleteAsync_WritesDeviceAddedEvent()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();

        var device = (await host.CompleteAsync("user-1", pending.Id, "iPad", ReferenceOtp.TotpCode(SecretOf(pending), host.Clock.GetUtcNow()))).Value!;

        Assert.Contains(await host.Events.ListAsync("user-1", 10, Ct), e => e.Type == SecurityEventTypes.DeviceAdded && e.DeviceId == device.Id);
    }

    [Fact]
    public async Task CompleteAsync_Twice_SecondFailsWithChallengeExpired()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();
        var code = ReferenceOtp.TotpCode(SecretOf(pending), host.Clock.GetUtcNow());
        await host.CompleteAsync("user-1", pending.Id, "Phone", code);

        var second = await host.CompleteAsync("user-1", pending.Id, "Phone", code);

        Assert.Equal(TwoFactorErrors.ChallengeExpired, second.Error);
    }

    [Fact]
    public async Task CompleteAsync_ManyParallelCompletions_AddOneDevice()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();
        var code = ReferenceOtp.TotpCode(SecretOf(pending), host.Clock.GetUtcNow());

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => host.CompleteAsync("user-1", pending.Id, "Phone", code), Ct)));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.Single(await host.Devices.ListAsync("user-1", Ct));
    }

    [Fact]
    public async Task CompleteAsync_WrongCode_KeepsEnrollmentForRetry()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();
        var right = ReferenceOtp.TotpCode(SecretOf(pending), host.Clock.GetUtcNow());

        var failed = await host.CompleteAsync("user-1", pending.Id, "Phone", Wrong(right));
        var retried = await host.CompleteAsync("user-1", pending.Id, "Phone", right);

        Assert.Equal(TotpErrors.InvalidCode, failed.Error);
        Assert.True(retried.Succeeded, retried.ToString());
    }

    [Theory]
    [InlineData(null, "core.device_name_required")]
    [InlineData("   ", "core.device_name_required")]
    [InlineData("This name is far too long to be accepted as the name of a device, really", "core.device_name_too_long")]
    public async Task CompleteAsync_BadName_KeepsEnrollment(string? name, string expectedCode)
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();
        var code = ReferenceOtp.TotpCode(SecretOf(pending), host.Clock.GetUtcNow());

        var result = await host.CompleteAsync("user-1", pending.Id, name, code);

        Assert.Equal(expectedCode, result.Error?.Code);
        Assert.NotNull(await host.InScopeAsync(s => s.GetRequiredService<AuthenticatorAppEnrollment>().FindAsync("user-1", pending.Id, Ct)));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("abcdef")]
    [InlineData(null)]
    public async Task CompleteAsync_MalformedCode_CodeFormat(string? code)
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();

        var result = await host.CompleteAsync("user-1", pending.Id, "Phone", code);

        Assert.Equal(TotpErrors.CodeFormat(6), result.Error);
    }

    [Fact]
    public async Task CompleteAsync_OtherUser_ChallengeExpired()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();

        var result = await host.CompleteAsync("user-2", pending.Id, "Phone", ReferenceOtp.TotpCode(SecretOf(pending), host.Clock.GetUtcNow()));

        Assert.Equal(TwoFactorErrors.ChallengeExpired, result.Error);
    }

    [Fact]
    public async Task CompleteAsync_AfterExpiry_ChallengeExpired()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(10));

        var result = await host.CompleteAsync("user-1", pending.Id, "Phone", ReferenceOtp.TotpCode(SecretOf(pending), host.Clock.GetUtcNow()));

        Assert.Equal(TwoFactorErrors.ChallengeExpired, result.Error);
    }

    [Fact]
    public async Task CompleteAsync_CodeFromFastClock_ClockDrift()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();

        var result = await host.CompleteAsync("user-1", pending.Id, "Phone", ReferenceOtp.TotpCode(SecretOf(pending), host.Clock.GetUtcNow(), 4));

        Assert.Equal(TotpErrors.ClockDrift(TimeSpan.FromMinutes(2)), result.Error);
    }

    [Fact]
    public async Task CompleteAsync_EightDigitSha256_AcceptsReferenceCode()
    {
        await using var host = new TotpTestHost(o =>
        {
            o.Algorithm = OtpAlgorithm.Sha256;
            o.Digits = 8;
        });
        var pending = await host.BeginAsync();

        var result = await host.CompleteAsync(
            "user-1", pending.Id, "Phone", ReferenceOtp.TotpCode(SecretOf(pending), host.Clock.GetUtcNow(), algorithm: OtpAlgorithm.Sha256, digits: 8));

        Assert.Equal((OtpAlgorithm.Sha256, 8), (result.Value?.AuthenticatorApp?.Algorithm, result.Value?.AuthenticatorApp?.Digits));
    }

    [Fact]
    public async Task CompleteAsync_EnrollmentCode_CannotSignInAfterwards()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();
        var code = ReferenceOtp.TotpCode(SecretOf(pending), host.Clock.GetUtcNow());
        await host.CompleteAsync("user-1", pending.Id, "Phone", code);

        var signIn = await host.VerifyAsync("user-1", code);

        Assert.Equal(TotpErrors.CodeReplayed, signIn.Error);
    }

    [Fact]
    public async Task CompleteAsync_NextCode_SignsInAndVerifiesDevice()
    {
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync();
        var secret = SecretOf(pending);
        await host.CompleteAsync("user-1", pending.Id, "Phone", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow()));
        host.Clock.Advance(TimeSpan.FromSeconds(30));

        var signIn = await host.VerifyAsync("user-1", ReferenceOtp.TotpCode(secret, host.Clock.GetUtcNow()));

        Assert.True(signIn.Value?.IsVerified);
    }
}
