using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ceremonies;

/// <summary>The registration ceremony (WebAuthn §7.1) through the public service: one test per step.</summary>
public sealed class RegistrationCeremonyTests : IDisposable
{
    private readonly CeremonyHarness _harness = new();
    private readonly TestAuthenticator _key = new();

    public void Dispose()
    {
        _key.Dispose();
        _harness.Dispose();
    }

    private Task<WebAuthnCeremony> BeginAsync(string userId = CeremonyHarness.UserId) =>
        _harness.Registration.BeginRegistrationAsync(userId, "staff@contoso.example", "Staff Member");

    private string ResponseJson(
        WebAuthnCeremony ceremony,
        TestFlags flags = TestFlags.UP | TestFlags.AT,
        string type = "webauthn.create",
        string origin = CeremonyHarness.Origin,
        string rpId = CeremonyHarness.RpId,
        byte[]? challenge = null,
        byte[]? attestedCredentialData = null,
        string? extraClientData = null,
        bool packed = false)
    {
        var clientData = TestAuthenticator.ClientDataJson(type, challenge ?? CeremonyHarness.ChallengeOf(ceremony), origin, extraClientData);
        var authData = _key.AuthenticatorData(rpId, flags, 0, (flags & TestFlags.AT) != 0 ? attestedCredentialData ?? _key.AttestedCredentialData() : null);
        var attestationObject = packed ? _key.PackedSelfAttestationObject(authData, clientData) : TestAuthenticator.NoneAttestationObject(authData);
        return CeremonyHarness.RegistrationJson(_key.CredentialId, clientData, attestationObject);
    }

    private Task<TwoFactorResult<Device>> CompleteAsync(WebAuthnCeremony ceremony, string json, string name = "U2F Key", string userId = CeremonyHarness.UserId) =>
        _harness.Registration.CompleteRegistrationAsync(userId, ceremony.ChallengeId, name, json);

    private async Task<string?> CompleteErrorAsync(WebAuthnCeremony ceremony, string json) => (await CompleteAsync(ceremony, json)).Error?.Code;

    [Fact]
    public async Task CompleteRegistration_NoneAttestation_StoresTheCredentialRecord()
    {
        var ceremony = await BeginAsync();
        var userHandle = CeremonyHarness.Base64Url(JsonNode.Parse(ceremony.OptionsJson)!["user"]!["id"]!.GetValue<string>());

        var result = await CompleteAsync(ceremony, ResponseJson(ceremony, flags: TestFlags.UP | TestFlags.AT | TestFlags.BE));

        Assert.True(result.Succeeded, result.ToString());
        var device = result.Value;
        Assert.Equal(CeremonyHarness.UserId, device.UserId);
        Assert.Equal(DeviceKind.SecurityKey, device.Kind);
        Assert.Equal("U2F Key", device.Name);
        Assert.False(device.IsVerified);
        var key = device.SecurityKey!;
        Assert.Equal(_key.CredentialId, key.CredentialId);
        Assert.Equal(_key.CosePublicKey(), key.PublicKey);
        Assert.Equal(-7, key.Algorithm);
        Assert.Equal(userHandle, key.UserHandle);
        Assert.Equal(0u, key.SignCount);
        Assert.Equal(_key.Aaguid, key.Aaguid);
        Assert.Equal(["usb", "nfc"], key.Transports);
        Assert.Equal("none", key.AttestationFormat);
        Assert.True(key.BackupEligible);
        Assert.False(key.BackedUp);
        Assert.False(key.IsLegacyU2F);
        CeremonyHarness.AssertSameDevice(device, await _harness.Devices.FindAsync(device.Id, TestContext.Current.CancellationToken));
        Assert.Contains(await _harness.EventsAsync(), e => e.Type == SecurityEventTypes.DeviceAdded && e.DeviceId == device.Id);
    }

    [Fact]
    public async Task CompleteRegistration_PackedSelfAttestation_Succeeds()
    {
        var ceremony = await BeginAsync();

        var result = await CompleteAsync(ceremony, ResponseJson(ceremony, packed: true));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("packed", result.Value.SecurityKey!.AttestationFormat);
    }

    [Fact]
    public async Task CompleteRegistration_PackedSelfAttestationWithBadSignature_FailsWithAnAttestationError()
    {
        var ceremony = await BeginAsync();
        var clientData = TestAuthenticator.ClientDataJson("webauthn.create", CeremonyHarness.ChallengeOf(ceremony), CeremonyHarness.Origin);
        var authData = _key.AuthenticatorData(CeremonyHarness.RpId, TestFlags.UP | TestFlags.AT, 0, _key.AttestedCredentialData());
        var otherClientData = TestAuthenticator.ClientDataJson("webauthn.create", RandomNumberGenerator.GetBytes(32), CeremonyHarness.Origin);
        var json = CeremonyHarness.RegistrationJson(_key.CredentialId, clientData, _key.PackedSelfAttestationObject(authData, otherClientData));

        var error = await CompleteErrorAsync(ceremony, json);

        Assert.StartsWith("webauthn.attestation_", error, StringComparison.Ordinal);
        Assert.Contains(await _harness.EventsAsync(), e => e.Type == SecurityEventTypes.EnrollmentFailed && e.Detail == error);
    }

    [Fact]
    public async Task CompleteRegistration_CredentialTypeNotPublicKey_FailsWithCredentialTypeInvalid()
    {
        var ceremony = await BeginAsync();
        var json = JsonNode.Parse(ResponseJson(ceremony))!;
        json["type"] = "password";

        Assert.Equal(WebAuthnErrors.CredentialTypeInvalid.Code, await CompleteErrorAsync(ceremony, json.ToJsonString()));
    }

    [Fact]
    public async Task CompleteRegistration_AssertionType_FailsWithClientDataTypeMismatch()
    {
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.ClientDataTypeMismatch.Code, await CompleteErrorAsync(ceremony, ResponseJson(ceremony, type: "webauthn.get")));
    }

    [Fact]
    public async Task CompleteRegistration_OtherChallenge_FailsWithChallengeMismatch()
    {
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.ChallengeMismatch.Code, await CompleteErrorAsync(ceremony, ResponseJson(ceremony, challenge: RandomNumberGenerator.GetBytes(32))));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://contoso.example:444")]
    public async Task CompleteRegistration_OtherOrigin_FailsWithOriginMismatch(string origin)
    {
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.OriginMismatch.Code, await CompleteErrorAsync(ceremony, ResponseJson(ceremony, origin: origin)));
    }

    [Fact]
    public async Task CompleteRegistration_CrossOriginFrame_FailsWithCrossOriginNotAllowed()
    {
        var ceremony = await BeginAsync();
        var clientDataBytes = Encoding.UTF8.GetBytes(
            $"{{\"type\":\"webauthn.create\",\"challenge\":\"{CeremonyHarness.Base64Url(CeremonyHarness.ChallengeOf(ceremony))}\",\"origin\":\"{CeremonyHarness.Origin}\",\"crossOrigin\":true}}");
        var authData = _key.AuthenticatorData(CeremonyHarness.RpId, TestFlags.UP | TestFlags.AT, 0, _key.AttestedCredentialData());
        var json = CeremonyHarness.RegistrationJson(_key.CredentialId, clientDataBytes, TestAuthenticator.NoneAttestationObject(authData));

        Assert.Equal(WebAuthnErrors.CrossOriginNotAllowed.Code, await CompleteErrorAsync(ceremony, json));
    }

    [Fact]
    public async Task CompleteRegistration_OtherRpIdHash_FailsWithRpIdMismatch()
    {
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.RpIdMismatch.Code, await CompleteErrorAsync(ceremony, ResponseJson(ceremony, rpId: "evil.example")));
    }

    [Fact]
    public async Task CompleteRegistration_UserNotPresent_FailsWithUserPresenceRequired()
    {
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.UserPresenceRequired.Code, await CompleteErrorAsync(ceremony, ResponseJson(ceremony, flags: TestFlags.AT)));
    }

    [Fact]
    public async Task CompleteRegistration_UserVerificationRequiredButNotDone_FailsWithUserVerificationRequired()
    {
        using var harness = new CeremonyHarness(o => o.UserVerification = WebAuthnUserVerification.Required);
        var ceremony = await harness.Registration.BeginRegistrationAsync(CeremonyHarness.UserId, "staff", "Staff", TestContext.Current.CancellationToken);

        var result = await harness.Registration.CompleteRegistrationAsync(CeremonyHarness.UserId, ceremony.ChallengeId, "Key", ResponseJson(ceremony), TestContext.Current.CancellationToken);

        Assert.Equal(WebAuthnErrors.UserVerificationRequired.Code, result.Error?.Code);
    }

    [Fact]
    public async Task CompleteRegistration_BackedUpWithoutBackupEligible_FailsWithBackupStateInvalid()
    {
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.BackupStateInvalid.Code,
            await CompleteErrorAsync(ceremony, ResponseJson(ceremony, flags: TestFlags.UP | TestFlags.AT | TestFlags.BS)));
    }

    [Fact]
    public async Task CompleteRegistration_AlgorithmNotRequested_FailsWithAlgorithmNotAllowed()
    {
        using var harness = new CeremonyHarness(o =>
        {
            o.Algorithms.Clear();
            o.Algorithms.Add(CoseAlgorithm.ES384);
        });
        var ceremony = await harness.Registration.BeginRegistrationAsync(CeremonyHarness.UserId, "staff", "Staff", TestContext.Current.CancellationToken);

        var result = await harness.Registration.CompleteRegistrationAsync(CeremonyHarness.UserId, ceremony.ChallengeId, "Key", ResponseJson(ceremony), TestContext.Current.CancellationToken);

        Assert.Equal(WebAuthnErrors.AlgorithmNotAllowed.Code, result.Error?.Code);
    }

    [Fact]
    public async Task CompleteRegistration_NoAttestedCredentialData_FailsWithAttestedCredentialDataMissing()
    {
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.AttestedCredentialDataMissing.Code, await CompleteErrorAsync(ceremony, ResponseJson(ceremony, flags: TestFlags.UP)));
    }

    [Fact]
    public async Task CompleteRegistration_RawIdNotTheAttestedCredential_FailsWithCredentialIdMismatch()
    {
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.CredentialIdMismatch.Code,
            await CompleteErrorAsync(ceremony, ResponseJson(ceremony, attestedCredentialData: _key.AttestedCredentialData(RandomNumberGenerator.GetBytes(32)))));
    }

    [Fact]
    public async Task CompleteRegistration_IdNotRawId_FailsWithCredentialIdMismatch()
    {
        var ceremony = await BeginAsync();
        var json = JsonNode.Parse(ResponseJson(ceremony))!;
        json["id"] = CeremonyHarness.Base64Url(RandomNumberGenerator.GetBytes(32));

        Assert.Equal(WebAuthnErrors.CredentialIdMismatch.Code, await CompleteErrorAsync(ceremony, json.ToJsonString()));
    }

    [Fact]
    public async Task CompleteRegistration_CredentialIdLongerThan1023Bytes_IsRefused()
    {
        using var longKey = new TestAuthenticator(RandomNumberGenerator.GetBytes(1024));
        var ceremony = await BeginAsync();
        var clientData = TestAuthenticator.ClientDataJson("webauthn.create", CeremonyHarness.ChallengeOf(ceremony), CeremonyHarness.Origin);
        var authData = longKey.AuthenticatorData(CeremonyHarness.RpId, TestFlags.UP | TestFlags.AT, 0, longKey.AttestedCredentialData());
        var json = CeremonyHarness.RegistrationJson(longKey.CredentialId, clientData, TestAuthenticator.NoneAttestationObject(authData));

        Assert.Equal(WebAuthnErrors.MalformedResponse.Code, await CompleteErrorAsync(ceremony, json));
        Assert.Empty(await _harness.Devices.ListAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CompleteRegistration_CredentialIdOf1023Bytes_Succeeds()
    {
        using var longKey = new TestAuthenticator(RandomNumberGenerator.GetBytes(1023));
        var ceremony = await BeginAsync();
        var clientData = TestAuthenticator.ClientDataJson("webauthn.create", CeremonyHarness.ChallengeOf(ceremony), CeremonyHarness.Origin);
        var authData = longKey.AuthenticatorData(CeremonyHarness.RpId, TestFlags.UP | TestFlags.AT, 0, longKey.AttestedCredentialData());
        var json = CeremonyHarness.RegistrationJson(longKey.CredentialId, clientData, TestAuthenticator.NoneAttestationObject(authData));

        Assert.True((await CompleteAsync(ceremony, json)).Succeeded);
    }

    [Fact]
    public async Task CompleteRegistration_SameKeyTwice_FailsWithDuplicateDevice()
    {
        await _harness.RegisterAsync(_key);
        var ceremony = await BeginAsync();

        Assert.Equal(TwoFactorErrors.DuplicateDevice.Code, await CompleteErrorAsync(ceremony, ResponseJson(ceremony)));
        Assert.Single(await _harness.Devices.ListAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CompleteRegistration_KeyOfAnotherUser_FailsWithDuplicateDevice()
    {
        await _harness.RegisterAsync(_key, userId: "user-2");
        var ceremony = await BeginAsync();

        Assert.Equal(TwoFactorErrors.DuplicateDevice.Code, await CompleteErrorAsync(ceremony, ResponseJson(ceremony)));
    }

    [Fact]
    public async Task CompleteRegistration_SameChallengeTwice_SecondFailsWithChallengeExpired()
    {
        using var second = new TestAuthenticator();
        var ceremony = await BeginAsync();
        Assert.True((await CompleteAsync(ceremony, ResponseJson(ceremony))).Succeeded);
        var clientData = TestAuthenticator.ClientDataJson("webauthn.create", CeremonyHarness.ChallengeOf(ceremony), CeremonyHarness.Origin);
        var authData = second.AuthenticatorData(CeremonyHarness.RpId, TestFlags.UP | TestFlags.AT, 0, second.AttestedCredentialData());
        var json = CeremonyHarness.RegistrationJson(second.CredentialId, clientData, TestAuthenticator.NoneAttestationObject(authData));

        Assert.Equal(TwoFactorErrors.ChallengeExpired.Code, await CompleteErrorAsync(ceremony, json));
    }

    [Fact]
    public async Task CompleteRegistration_ExpiredChallenge_FailsWithChallengeExpired()
    {
        var ceremony = await BeginAsync();
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(TwoFactorErrors.ChallengeExpired.Code, await CompleteErrorAsync(ceremony, ResponseJson(ceremony)));
    }

    [Fact]
    public async Task CompleteRegistration_AuthenticationChallenge_FailsWithChallengeExpired()
    {
        using var existing = new TestAuthenticator();
        await _harness.RegisterAsync(existing);
        var authentication = (await _harness.Authentication.BeginAuthenticationAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken)).Value!;

        Assert.Equal(TwoFactorErrors.ChallengeExpired.Code, await CompleteErrorAsync(authentication, ResponseJson(authentication)));
    }

    public static TheoryData<string> MalformedResponses => new()
    {
        "",
        "{",
        "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\"}}",
        "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\",\"attestationObject\":\"o2Nm!!\"}}",
        "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\",\"attestationObject\":\"oA\"},\"response\":{}}",
        "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\",\"attestationObject\":\"oA\",\"transports\":\"usb\"}}",
    };

    [Theory]
    [MemberData(nameof(MalformedResponses))]
    public async Task CompleteRegistration_MalformedResponse_FailsAndChangesNothing(string json)
    {
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.MalformedResponse.Code, await CompleteErrorAsync(ceremony, json));
        Assert.Empty(await _harness.EventsAsync());
        Assert.True((await CompleteAsync(ceremony, ResponseJson(ceremony))).Succeeded);
    }

    public static TheoryData<byte[]> MalformedAttestationObjects => new()
    {
        new byte[] { 0xA3, 0x63 },
        new byte[] { 0xA0 },
        new byte[] { 0xA1, 0x63, 0x66, 0x6D, 0x74, 0x64, 0x6E, 0x6F, 0x6E, 0x65 },
        new byte[] { 0x80 },
        new byte[] { 0xA3, 0x63, 0x66, 0x6D, 0x74, 0x64, 0x6E, 0x6F, 0x6E, 0x65, 0x67, 0x61, 0x74, 0x74, 0x53, 0x74, 0x6D, 0x74, 0xA0, 0x68, 0x61, 0x75, 0x74, 0x68, 0x44, 0x61, 0x74, 0x61, 0x41, 0x00 },
    };

    [Theory]
    [MemberData(nameof(MalformedAttestationObjects))]
    public async Task CompleteRegistration_AttestationObjectNotValidCbor_FailsWithMalformedResponse(byte[] attestationObject)
    {
        var ceremony = await BeginAsync();
        var clientData = TestAuthenticator.ClientDataJson("webauthn.create", CeremonyHarness.ChallengeOf(ceremony), CeremonyHarness.Origin);
        var json = CeremonyHarness.RegistrationJson(_key.CredentialId, clientData, attestationObject);

        Assert.Equal(WebAuthnErrors.MalformedResponse.Code, await CompleteErrorAsync(ceremony, json));
        Assert.Empty(await _harness.Devices.ListAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CompleteRegistration_PublicKeyNotCose_FailsWithMalformedResponse()
    {
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.MalformedResponse.Code,
            await CompleteErrorAsync(ceremony, ResponseJson(ceremony, attestedCredentialData: _key.AttestedCredentialData(publicKey: [0xA1, 0x01, 0x02]))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task CompleteRegistration_NoDeviceName_FailsBeforeUsingTheChallenge(string name)
    {
        var ceremony = await BeginAsync();

        Assert.Equal(TwoFactorErrors.DeviceNameRequired.Code, (await CompleteAsync(ceremony, ResponseJson(ceremony), name)).Error?.Code);
        Assert.True((await CompleteAsync(ceremony, ResponseJson(ceremony))).Succeeded);
    }
}
