using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ceremonies;

/// <summary>The options JSON of both ceremonies (WebAuthn L3 §5.4, §5.5 JSON forms) and the challenges behind them.</summary>
public sealed class CeremonyOptionsTests : IDisposable
{
    private readonly CeremonyHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private async Task<JsonNode> CreationOptionsAsync(CeremonyHarness? harness = null) =>
        JsonNode.Parse((await (harness ?? _harness).Registration.BeginRegistrationAsync(CeremonyHarness.UserId, "staff@contoso.example", "Staff Member")).OptionsJson)!;

    [Fact]
    public async Task BeginRegistration_Defaults_WriteTheCreationOptions()
    {
        var options = await CreationOptionsAsync();

        Assert.Equal(CeremonyHarness.RpId, options["rp"]!["id"]!.GetValue<string>());
        Assert.Equal("Contoso Staff", options["rp"]!["name"]!.GetValue<string>());
        Assert.Equal("staff@contoso.example", options["user"]!["name"]!.GetValue<string>());
        Assert.Equal("Staff Member", options["user"]!["displayName"]!.GetValue<string>());
        Assert.Equal(64, CeremonyHarness.Base64Url(options["user"]!["id"]!.GetValue<string>()).Length);
        Assert.Equal(32, CeremonyHarness.Base64Url(options["challenge"]!.GetValue<string>()).Length);
        Assert.Equal([-7, -8, -35, -36, -37, -257], options["pubKeyCredParams"]!.AsArray().Select(p => p!["alg"]!.GetValue<int>()));
        Assert.All(options["pubKeyCredParams"]!.AsArray(), p => Assert.Equal("public-key", p!["type"]!.GetValue<string>()));
        Assert.Equal(120000, options["timeout"]!.GetValue<int>());
        Assert.Empty(options["excludeCredentials"]!.AsArray());
        Assert.Equal("discouraged", options["authenticatorSelection"]!["residentKey"]!.GetValue<string>());
        Assert.False(options["authenticatorSelection"]!["requireResidentKey"]!.GetValue<bool>());
        Assert.Equal("discouraged", options["authenticatorSelection"]!["userVerification"]!.GetValue<string>());
        Assert.Equal("none", options["attestation"]!.GetValue<string>());
        Assert.True(options["extensions"]!["credProps"]!.GetValue<bool>());
    }

    [Fact]
    public async Task BeginRegistration_ConfiguredAlgorithms_AreListedInOrder()
    {
        using var harness = new CeremonyHarness(o =>
        {
            o.Algorithms.Clear();
            o.Algorithms.Add(CoseAlgorithm.RS256);
            o.Algorithms.Add(CoseAlgorithm.ES256);
        });

        var options = await CreationOptionsAsync(harness);

        Assert.Equal([-257, -7], options["pubKeyCredParams"]!.AsArray().Select(p => p!["alg"]!.GetValue<int>()));
    }

    [Fact]
    public async Task BeginRegistration_TrustAnchorsConfigured_RequestsDirectAttestation()
    {
        var der = CeremonyHarness.Base64Url(JsonNode.Parse(File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "Vectors", "trust-anchors", "w3c-webauthn-test-vectors-ca.json")))!["der"]!.GetValue<string>());
        using var harness = new CeremonyHarness(o => o.Attestation.TrustAnchors.Add(X509CertificateLoader.LoadCertificate(der)));

        Assert.Equal("direct", (await CreationOptionsAsync(harness))["attestation"]!.GetValue<string>());
    }

    [Fact]
    public async Task BeginRegistration_RequiredSettings_AreWritten()
    {
        using var harness = new CeremonyHarness(o =>
        {
            o.ResidentKey = WebAuthnResidentKey.Required;
            o.UserVerification = WebAuthnUserVerification.Required;
        });

        var selection = (await CreationOptionsAsync(harness))["authenticatorSelection"]!;

        Assert.Equal("required", selection["residentKey"]!.GetValue<string>());
        Assert.True(selection["requireResidentKey"]!.GetValue<bool>());
        Assert.Equal("required", selection["userVerification"]!.GetValue<string>());
    }

    [Fact]
    public async Task BeginRegistration_ExistingKey_IsExcludedWithItsTransports()
    {
        using var key = new TestAuthenticator();
        await _harness.RegisterAsync(key);

        var excluded = (await CreationOptionsAsync())["excludeCredentials"]!.AsArray();

        var single = Assert.Single(excluded);
        Assert.Equal("public-key", single!["type"]!.GetValue<string>());
        Assert.Equal(key.CredentialId, CeremonyHarness.Base64Url(single["id"]!.GetValue<string>()));
        Assert.Equal(["usb", "nfc"], single["transports"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task BeginRegistration_SecondKey_ReusesTheUserHandle()
    {
        using var key = new TestAuthenticator();
        var device = await _harness.RegisterAsync(key);

        var options = await CreationOptionsAsync();

        Assert.Equal(device.SecurityKey!.UserHandle, CeremonyHarness.Base64Url(options["user"]!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task BeginRegistration_UserHandle_DoesNotContainTheUserId()
    {
        var options = await CreationOptionsAsync();

        var handle = CeremonyHarness.Base64Url(options["user"]!["id"]!.GetValue<string>());
        Assert.DoesNotContain(CeremonyHarness.UserId, Encoding.UTF8.GetString(handle), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeginRegistration_Challenge_IsStoredForTheUserAndPurposeWithTheConfiguredLifetime()
    {
        var ceremony = await _harness.Registration.BeginRegistrationAsync(CeremonyHarness.UserId, "staff", "Staff", TestContext.Current.CancellationToken);

        var stored = await _harness.Challenges.FindAsync(
            ceremony.ChallengeId, CeremonyHarness.UserId, "webauthn.register", _harness.Clock.GetUtcNow(), TestContext.Current.CancellationToken);

        Assert.NotNull(stored);
        Assert.Equal(CeremonyHarness.ChallengeOf(ceremony), stored.Value);
        Assert.Equal(_harness.Clock.GetUtcNow().AddMinutes(5), stored.ExpiresAt);
        Assert.Equal(stored.ExpiresAt, ceremony.ExpiresAt);
        Assert.True(ceremony.ChallengeId.Length >= 22);
    }

    [Fact]
    public async Task BeginRegistration_TwoCalls_IssueDifferentChallenges()
    {
        var first = await CreationOptionsAsync();
        var second = await CreationOptionsAsync();

        Assert.NotEqual(first["challenge"]!.GetValue<string>(), second["challenge"]!.GetValue<string>());
    }

    [Fact]
    public async Task BeginAuthentication_UserWithKeys_WritesTheRequestOptions()
    {
        using var key = new TestAuthenticator();
        await _harness.RegisterAsync(key);

        var ceremony = (await _harness.Authentication.BeginAuthenticationAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken)).Value!;
        var options = JsonNode.Parse(ceremony.OptionsJson)!;

        Assert.Equal(32, CeremonyHarness.ChallengeOf(ceremony).Length);
        Assert.Equal(120000, options["timeout"]!.GetValue<int>());
        Assert.Equal(CeremonyHarness.RpId, options["rpId"]!.GetValue<string>());
        Assert.Equal("discouraged", options["userVerification"]!.GetValue<string>());
        var allowed = Assert.Single(options["allowCredentials"]!.AsArray());
        Assert.Equal(key.CredentialId, CeremonyHarness.Base64Url(allowed!["id"]!.GetValue<string>()));
        Assert.Equal(["usb", "nfc"], allowed["transports"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.NotNull(await _harness.Challenges.FindAsync(
            ceremony.ChallengeId, CeremonyHarness.UserId, "webauthn.authenticate", _harness.Clock.GetUtcNow(), TestContext.Current.CancellationToken));
    }
}
