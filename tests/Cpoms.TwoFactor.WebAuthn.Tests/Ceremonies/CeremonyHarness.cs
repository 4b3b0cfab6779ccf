using System.Text.Json.Nodes;

using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ceremonies;

/// <summary>
/// The package wired as a host wires it (AddCpomsTwoFactor + AddWebAuthn, in-memory stores) with a manual clock,
/// plus helpers that turn a <see cref="TestAuthenticator"/>'s output into WebAuthn L3 response JSON.
/// </summary>
internal sealed class CeremonyHarness : IDisposable
{
    public const string RpId = "contoso.example";
    public const string Origin = "https://contoso.example";
    public const string UserId = "user-1";

    private readonly ServiceProvider _provider;
    private readonly IServiceScope _scope;

    public CeremonyHarness(Action<WebAuthnOptions>? configure = null, DateTimeOffset? now = null, Action<IServiceCollection>? services = null)
        : this(configure, now, services, RpId)
    {
    }

    public CeremonyHarness(Action<WebAuthnOptions>? configure, DateTimeOffset? now, Action<IServiceCollection>? extraServices, string rpId)
    {
        Clock = new ManualTimeProvider(now);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        extraServices?.Invoke(services);
        services.AddCpomsTwoFactor(o => o.ApplicationName = "Contoso Staff")
            .AddWebAuthn(o =>
            {
                o.RelyingPartyId = rpId;
                configure?.Invoke(o);
            });
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _scope = _provider.CreateScope();
    }

    public ManualTimeProvider Clock { get; }

    /// <summary>Another request's scope over the same singletons (stores, key cache).</summary>
    public IServiceScope NewScope() => _provider.CreateScope();

    public IServiceProvider Services => _scope.ServiceProvider;

    public WebAuthnRegistrationService Registration => Services.GetRequiredService<WebAuthnRegistrationService>();

    public WebAuthnAuthenticationService Authentication => Services.GetRequiredService<WebAuthnAuthenticationService>();

    public IDeviceStore Devices => Services.GetRequiredService<IDeviceStore>();

    public IChallengeStore Challenges => Services.GetRequiredService<IChallengeStore>();

    public Task<IReadOnlyList<SecurityEvent>> EventsAsync(string userId = UserId) =>
        Services.GetRequiredService<ISecurityLog>().ListAsync(userId, 100);

    /// <summary>The base64url-decoded <c>challenge</c> member of an options JSON.</summary>
    public static byte[] ChallengeOf(WebAuthnCeremony ceremony) =>
        Base64Url(JsonNode.Parse(ceremony.OptionsJson)!["challenge"]!.GetValue<string>());

    public static byte[] Base64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4));

    public static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string RegistrationJson(byte[] credentialId, byte[] clientDataJson, byte[] attestationObject, string type = "public-key") =>
        new JsonObject
        {
            ["id"] = Base64Url(credentialId),
            ["rawId"] = Base64Url(credentialId),
            ["type"] = type,
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64Url(clientDataJson),
                ["attestationObject"] = Base64Url(attestationObject),
                ["transports"] = new JsonArray("usb", "nfc"),
            },
            ["clientExtensionResults"] = new JsonObject { ["credProps"] = new JsonObject { ["rk"] = false } },
            ["authenticatorAttachment"] = "cross-platform",
        }.ToJsonString();

    public static string AuthenticationJson(
        byte[] credentialId, byte[] clientDataJson, byte[] authenticatorData, byte[] signature, string? userHandle = null, JsonObject? extensions = null) =>
        new JsonObject
        {
            ["id"] = Base64Url(credentialId),
            ["rawId"] = Base64Url(credentialId),
            ["type"] = "public-key",
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64Url(clientDataJson),
                ["authenticatorData"] = Base64Url(authenticatorData),
                ["signature"] = Base64Url(signature),
                ["userHandle"] = userHandle,
            },
            ["clientExtensionResults"] = extensions ?? new JsonObject(),
            ["authenticatorAttachment"] = "cross-platform",
        }.ToJsonString();

    /// <summary>Registers <paramref name="authenticator"/>'s credential through the public ceremony ("none" attestation).</summary>
    public async Task<Device> RegisterAsync(TestAuthenticator authenticator, string userId = UserId, string name = "U2F Key")
    {
        var ceremony = await Registration.BeginRegistrationAsync(userId, userId + "@contoso.example", "Staff Member");
        var clientData = TestAuthenticator.ClientDataJson("webauthn.create", ChallengeOf(ceremony), Origin);
        var authData = authenticator.AuthenticatorData(RpId, TestFlags.UP | TestFlags.AT, authenticator.SignCount, authenticator.AttestedCredentialData());
        var json = RegistrationJson(authenticator.CredentialId, clientData, TestAuthenticator.NoneAttestationObject(authData));
        var result = await Registration.CompleteRegistrationAsync(userId, ceremony.ChallengeId, name, json);
        Assert.True(result.Succeeded, result.ToString());
        return result.Value;
    }

    /// <summary>A fresh, valid assertion for a started authentication, with every part open to change.</summary>
    public static string AssertionJson(
        TestAuthenticator authenticator,
        WebAuthnCeremony ceremony,
        TestFlags flags = TestFlags.UP,
        uint? signCount = null,
        string type = "webauthn.get",
        string origin = Origin,
        string rpId = RpId,
        string? userHandle = null,
        byte[]? challenge = null,
        JsonObject? extensions = null)
    {
        var clientData = TestAuthenticator.ClientDataJson(type, challenge ?? ChallengeOf(ceremony), origin);
        var authData = authenticator.AuthenticatorData(rpId, flags, signCount ?? authenticator.SignCount);
        return AuthenticationJson(authenticator.CredentialId, clientData, authData, authenticator.SignAssertion(authData, clientData), userHandle, extensions);
    }

    /// <summary>Asserts two device snapshots are equal, comparing the security key's byte arrays by content.</summary>
    public static void AssertSameDevice(Device expected, Device? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { SecurityKey = null }, actual with { SecurityKey = null });
        var (e, a) = (expected.SecurityKey, actual.SecurityKey);
        Assert.Equal(e is null, a is null);
        if (e is not null && a is not null)
        {
            Assert.Equal(e.CredentialId, a.CredentialId);
            Assert.Equal(e.PublicKey, a.PublicKey);
            Assert.Equal(e.UserHandle, a.UserHandle);
            Assert.Equal(e.Transports, a.Transports);
            Assert.Equal(
                e with { CredentialId = [], PublicKey = [], UserHandle = [], Transports = [] },
                a with { CredentialId = [], PublicKey = [], UserHandle = [], Transports = [] });
        }
    }

    public void Dispose()
    {
        _scope.Dispose();
        _provider.Dispose();
    }
}
