using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Tests;

public sealed class WebAuthnOptionsValidatorTests
{
    private static WebAuthnOptions Valid()
    {
        var options = new WebAuthnOptions { RelyingPartyId = "contoso.example", RelyingPartyName = "Contoso" };
        options.Origins.Add("https://contoso.example");
        return options;
    }

    private static bool IsValid(Action<WebAuthnOptions> change)
    {
        var options = Valid();
        change(options);
        return new WebAuthnOptionsValidator().Validate(null, options).Succeeded;
    }

    [Fact]
    public void Validate_ValidOptions_Succeeds() => Assert.True(IsValid(_ => { }));

    [Fact]
    public void Validate_SubdomainAndLocalhostOrigins_Succeed()
    {
        Assert.True(IsValid(o =>
        {
            o.Origins.Add("https://login.contoso.example:8443");
            o.AllowedAndroidApkKeyHashes.Add("gx7sq_pxhxhrIQdLyfG0pxKwiJ7hOk2DJQ4xvKd438Q");
            o.LegacyAppId = "https://contoso.example/u2f/appid.json";
        }));
    }

    public static TheoryData<string, Action<WebAuthnOptions>> InvalidChanges => new()
    {
        { "empty RP ID", o => o.RelyingPartyId = "" },
        { "RP ID with scheme", o => o.RelyingPartyId = "https://contoso.example" },
        { "RP ID with port", o => o.RelyingPartyId = "contoso.example:443" },
        { "upper-case RP ID", o => o.RelyingPartyId = "Contoso.example" },
        { "no RP name", o => o.RelyingPartyName = "" },
        { "no origins", o => o.Origins.Clear() },
        { "origin on another site", o => o.Origins.Add("https://evil.example") },
        { "origin on a parent domain", o => o.Origins.Add("https://example") },
        { "origin with a path", o => o.Origins.Add("https://contoso.example/login") },
        { "plain http origin", o => o.Origins.Add("http://contoso.example") },
        { "short APK hash", o => o.AllowedAndroidApkKeyHashes.Add("abc") },
        { "top origins without cross-origin", o => o.AllowedTopOrigins.Add("https://portal.example") },
        { "undefined user verification", o => o.UserVerification = (WebAuthnUserVerification)7 },
        { "undefined resident key", o => o.ResidentKey = (WebAuthnResidentKey)7 },
        { "no algorithms", o => o.Algorithms.Clear() },
        { "unknown algorithm", o => o.Algorithms.Add((CoseAlgorithm)(-1)) },
        { "duplicate algorithm", o => o.Algorithms.Add(CoseAlgorithm.ES256) },
        { "timeout too short", o => o.Timeout = TimeSpan.FromSeconds(1) },
        { "timeout too long", o => o.Timeout = TimeSpan.FromHours(1) },
        { "http AppID", o => o.LegacyAppId = "http://contoso.example/appid.json" },
        { "relative AppID", o => o.LegacyAppId = "/appid.json" },
    };

    [Theory]
    [MemberData(nameof(InvalidChanges))]
    public void Validate_InvalidSetting_Fails(string setting, Action<WebAuthnOptions> change)
    {
        Assert.False(IsValid(change), setting);
    }
}
