using System.Text.Json.Nodes;

using Cpoms.TwoFactor.Core.Devices;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ceremonies;

/// <summary>Keys registered with the legacy U2F API sign for the AppID (WebAuthn §10.1.1 appid extension).</summary>
public sealed class LegacyAppIdTests : IDisposable
{
    private const string AppId = "https://contoso.example/u2f/appid.json";

    private readonly CeremonyHarness _harness = new(o => o.LegacyAppId = AppId);
    private readonly TestAuthenticator _key = new();

    public void Dispose()
    {
        _key.Dispose();
        _harness.Dispose();
    }

    private async Task<Device> AddKeyAsync(bool legacy)
    {
        var device = new Device
        {
            Id = DeviceIds.Create(),
            UserId = CeremonyHarness.UserId,
            Kind = DeviceKind.SecurityKey,
            Name = "U2F Key",
            RegisteredAt = _harness.Clock.GetUtcNow(),
            SecurityKey = new SecurityKeyData
            {
                CredentialId = _key.CredentialId,
                PublicKey = _key.CosePublicKey(),
                Algorithm = -7,
                UserHandle = [],
                SignCount = 7,
                AttestationFormat = "fido-u2f",
                IsLegacyU2F = legacy,
            },
        };
        Assert.True(await _harness.Devices.TryAddAsync(device));
        return device;
    }

    [Fact]
    public async Task BeginAuthentication_LegacyKey_RequestsTheAppIdExtension()
    {
        await AddKeyAsync(legacy: true);

        var ceremony = (await _harness.Authentication.BeginAuthenticationAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken)).Value!;

        Assert.Equal(AppId, JsonNode.Parse(ceremony.OptionsJson)!["extensions"]!["appid"]!.GetValue<string>());
    }

    [Fact]
    public async Task BeginAuthentication_NoLegacyKey_RequestsNoExtension()
    {
        await AddKeyAsync(legacy: false);

        var ceremony = (await _harness.Authentication.BeginAuthenticationAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken)).Value!;

        Assert.Null(JsonNode.Parse(ceremony.OptionsJson)!["extensions"]);
    }

    [Fact]
    public async Task BeginRegistration_UserWithLegacyKey_ExcludesItThroughAppIdExclude()
    {
        await AddKeyAsync(legacy: true);

        var ceremony = await _harness.Registration.BeginRegistrationAsync(CeremonyHarness.UserId, "staff", "Staff", TestContext.Current.CancellationToken);

        var options = JsonNode.Parse(ceremony.OptionsJson)!;
        Assert.Equal(AppId, options["extensions"]!["appidExclude"]!.GetValue<string>());
        Assert.Equal(CeremonyHarness.Base64Url(_key.CredentialId), options["excludeCredentials"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task BeginRegistration_UserWithoutLegacyKey_SendsNoAppIdExclude()
    {
        await AddKeyAsync(legacy: false);

        var ceremony = await _harness.Registration.BeginRegistrationAsync(CeremonyHarness.UserId, "staff", "Staff", TestContext.Current.CancellationToken);

        Assert.Null(JsonNode.Parse(ceremony.OptionsJson)!["extensions"]!["appidExclude"]);
    }

    [Fact]
    public async Task CompleteAuthentication_LegacyKeySigningForTheAppId_Succeeds()
    {
        await AddKeyAsync(legacy: true);
        var ceremony = (await _harness.Authentication.BeginAuthenticationAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken)).Value!;
        var json = CeremonyHarness.AssertionJson(_key, ceremony, signCount: 8, rpId: AppId, extensions: new JsonObject { ["appid"] = true });

        var result = await _harness.Authentication.CompleteAuthenticationAsync(CeremonyHarness.UserId, ceremony.ChallengeId, json, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(8u, result.Value.SecurityKey!.SignCount);
    }

    [Fact]
    public async Task CompleteAuthentication_LegacyKeySigningForTheRpId_Succeeds()
    {
        await AddKeyAsync(legacy: true);
        var ceremony = (await _harness.Authentication.BeginAuthenticationAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken)).Value!;
        var json = CeremonyHarness.AssertionJson(_key, ceremony, signCount: 8);

        Assert.True((await _harness.Authentication.CompleteAuthenticationAsync(CeremonyHarness.UserId, ceremony.ChallengeId, json, TestContext.Current.CancellationToken)).Succeeded);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task CompleteAuthentication_AppIdOutputContradictingTheSignedHash_FailsWithExtensionOutputInvalid(bool signedForAppId, bool reported)
    {
        await AddKeyAsync(legacy: true);
        var ceremony = (await _harness.Authentication.BeginAuthenticationAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken)).Value!;
        var json = CeremonyHarness.AssertionJson(
            _key, ceremony, signCount: 8, rpId: signedForAppId ? AppId : CeremonyHarness.RpId, extensions: new JsonObject { ["appid"] = reported });

        var result = await _harness.Authentication.CompleteAuthenticationAsync(CeremonyHarness.UserId, ceremony.ChallengeId, json, TestContext.Current.CancellationToken);

        Assert.Equal(WebAuthnErrors.ExtensionOutputInvalid.Code, result.Error?.Code);
    }

    [Fact]
    public async Task CompleteAuthentication_NewKeySigningForTheAppId_FailsWithRpIdMismatch()
    {
        await AddKeyAsync(legacy: false);
        var ceremony = (await _harness.Authentication.BeginAuthenticationAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken)).Value!;
        var json = CeremonyHarness.AssertionJson(_key, ceremony, signCount: 8, rpId: AppId);

        var result = await _harness.Authentication.CompleteAuthenticationAsync(CeremonyHarness.UserId, ceremony.ChallengeId, json, TestContext.Current.CancellationToken);

        Assert.Equal(WebAuthnErrors.RpIdMismatch.Code, result.Error?.Code);
    }

    [Fact]
    public async Task CompleteAuthentication_LegacyKeyWithoutConfiguredAppId_FailsWithRpIdMismatch()
    {
        using var harness = new CeremonyHarness();
        await harness.Devices.TryAddAsync(new Device
        {
            Id = DeviceIds.Create(),
            UserId = CeremonyHarness.UserId,
            Kind = DeviceKind.SecurityKey,
            Name = "U2F Key",
            RegisteredAt = harness.Clock.GetUtcNow(),
            SecurityKey = new SecurityKeyData
            {
                CredentialId = _key.CredentialId, PublicKey = _key.CosePublicKey(), Algorithm = -7, UserHandle = [], IsLegacyU2F = true,
            },
        }, TestContext.Current.CancellationToken);
        var ceremony = (await harness.Authentication.BeginAuthenticationAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken)).Value!;
        var json = CeremonyHarness.AssertionJson(_key, ceremony, signCount: 8, rpId: AppId);

        var result = await harness.Authentication.CompleteAuthenticationAsync(CeremonyHarness.UserId, ceremony.ChallengeId, json, TestContext.Current.CancellationToken);

        Assert.Equal(WebAuthnErrors.RpIdMismatch.Code, result.Error?.Code);
    }
}
