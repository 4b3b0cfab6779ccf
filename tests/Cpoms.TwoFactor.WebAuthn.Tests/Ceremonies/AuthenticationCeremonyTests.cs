using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Core.Stores.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ceremonies;

/// <summary>The authentication ceremony (WebAuthn §7.2) through the public service: one test per step.</summary>
public sealed class AuthenticationCeremonyTests : IDisposable
{
    private readonly CeremonyHarness _harness = new();
    private readonly TestAuthenticator _key = new();

    public void Dispose()
    {
        _key.Dispose();
        _harness.Dispose();
    }

    private async Task<Device> RegisterAsync(uint signCount = 0)
    {
        _key.SignCount = signCount;
        return await _harness.RegisterAsync(_key);
    }

    private async Task<WebAuthnCeremony> BeginAsync(string userId = CeremonyHarness.UserId)
    {
        var begun = await _harness.Authentication.BeginAuthenticationAsync(userId);
        Assert.True(begun.Succeeded, begun.ToString());
        return begun.Value;
    }

    private Task<TwoFactorResult<Device>> CompleteAsync(WebAuthnCeremony ceremony, string json, string userId = CeremonyHarness.UserId) =>
        _harness.Authentication.CompleteAuthenticationAsync(userId, ceremony.ChallengeId, json);

    private async Task<string?> CompleteErrorAsync(WebAuthnCeremony ceremony, string json, string userId = CeremonyHarness.UserId) =>
        (await CompleteAsync(ceremony, json, userId)).Error?.Code;

    [Fact]
    public async Task CompleteAuthentication_ValidAssertion_SucceedsAndUpdatesTheKey()
    {
        var device = await RegisterAsync(signCount: 5);
        var ceremony = await BeginAsync();

        var result = await CompleteAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony, signCount: 6));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(device.Id, result.Value.Id);
        Assert.Equal(6u, result.Value.SecurityKey!.SignCount);
        Assert.Equal(_harness.Clock.GetUtcNow(), result.Value.LastUsedAt);
        Assert.Equal(_harness.Clock.GetUtcNow(), result.Value.VerifiedAt);
        Assert.Contains(await _harness.EventsAsync(), e => e.Type == SecurityEventTypes.FactorSucceeded && e.DeviceId == device.Id);
    }

    [Fact]
    public async Task CompleteAuthentication_CredentialTypeNotPublicKey_FailsWithCredentialTypeInvalid()
    {
        await RegisterAsync();
        var ceremony = await BeginAsync();
        var json = JsonNode.Parse(CeremonyHarness.AssertionJson(_key, ceremony))!;
        json["type"] = "password";

        Assert.Equal(WebAuthnErrors.CredentialTypeInvalid.Code, await CompleteErrorAsync(ceremony, json.ToJsonString()));
    }

    [Fact]
    public async Task CompleteAuthentication_CredentialAddedAfterTheRequest_FailsWithCredentialNotAllowed()
    {
        using var second = new TestAuthenticator();
        await RegisterAsync();
        var ceremony = await BeginAsync();
        await _harness.RegisterAsync(second, name: "Second key");

        Assert.Equal(WebAuthnErrors.CredentialNotAllowed.Code, await CompleteErrorAsync(ceremony, CeremonyHarness.AssertionJson(second, ceremony)));
    }

    [Fact]
    public async Task CompleteAuthentication_UnknownCredential_FailsWithUnknownCredential()
    {
        using var stranger = new TestAuthenticator();
        await RegisterAsync();
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.UnknownCredential.Code, await CompleteErrorAsync(ceremony, CeremonyHarness.AssertionJson(stranger, ceremony)));
    }

    [Fact]
    public async Task CompleteAuthentication_AnotherUsersCredential_FailsWithUnknownCredential()
    {
        using var theirs = new TestAuthenticator();
        await _harness.RegisterAsync(theirs, userId: "user-2");
        await RegisterAsync();
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.UnknownCredential.Code, await CompleteErrorAsync(ceremony, CeremonyHarness.AssertionJson(theirs, ceremony)));
    }

    [Fact]
    public async Task CompleteAuthentication_OtherUserHandle_FailsWithUserHandleMismatch()
    {
        await RegisterAsync();
        var ceremony = await BeginAsync();
        var json = CeremonyHarness.AssertionJson(_key, ceremony, userHandle: CeremonyHarness.Base64Url(RandomNumberGenerator.GetBytes(64)));

        Assert.Equal(WebAuthnErrors.UserHandleMismatch.Code, await CompleteErrorAsync(ceremony, json));
    }

    [Fact]
    public async Task CompleteAuthentication_MatchingUserHandle_Succeeds()
    {
        var device = await RegisterAsync();
        var ceremony = await BeginAsync();
        var json = CeremonyHarness.AssertionJson(_key, ceremony, userHandle: CeremonyHarness.Base64Url(device.SecurityKey!.UserHandle));

        Assert.True((await CompleteAsync(ceremony, json)).Succeeded);
    }

    [Fact]
    public async Task CompleteAuthentication_EmptyUserHandle_IsTreatedAsAbsent()
    {
        await RegisterAsync();
        var ceremony = await BeginAsync();

        Assert.True((await CompleteAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony, userHandle: ""))).Succeeded);
    }

    [Fact]
    public async Task CompleteAuthentication_RegistrationType_FailsWithClientDataTypeMismatch()
    {
        await RegisterAsync();
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.ClientDataTypeMismatch.Code,
            await CompleteErrorAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony, type: "webauthn.create")));
    }

    [Fact]
    public async Task CompleteAuthentication_OtherChallenge_FailsWithChallengeMismatch()
    {
        await RegisterAsync();
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.ChallengeMismatch.Code,
            await CompleteErrorAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony, challenge: RandomNumberGenerator.GetBytes(32))));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://contoso.example:8443")]
    [InlineData("http://contoso.example")]
    public async Task CompleteAuthentication_OtherOrigin_FailsWithOriginMismatch(string origin)
    {
        await RegisterAsync();
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.OriginMismatch.Code, await CompleteErrorAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony, origin: origin)));
    }

    [Fact]
    public async Task CompleteAuthentication_CrossOriginFrame_FailsWithCrossOriginNotAllowed()
    {
        await RegisterAsync();
        var ceremony = await BeginAsync();
        var clientData = Encoding.UTF8.GetBytes(
            $"{{\"type\":\"webauthn.get\",\"challenge\":\"{CeremonyHarness.Base64Url(CeremonyHarness.ChallengeOf(ceremony))}\",\"origin\":\"{CeremonyHarness.Origin}\",\"crossOrigin\":true}}");
        var authData = _key.AuthenticatorData(CeremonyHarness.RpId, TestFlags.UP, 0);
        var json = CeremonyHarness.AuthenticationJson(_key.CredentialId, clientData, authData, _key.SignAssertion(authData, clientData));

        Assert.Equal(WebAuthnErrors.CrossOriginNotAllowed.Code, await CompleteErrorAsync(ceremony, json));
    }

    [Fact]
    public async Task CompleteAuthentication_OtherRpIdHash_FailsWithRpIdMismatch()
    {
        await RegisterAsync();
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.RpIdMismatch.Code, await CompleteErrorAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony, rpId: "evil.example")));
    }

    [Fact]
    public async Task CompleteAuthentication_UserNotPresent_FailsWithUserPresenceRequired()
    {
        await RegisterAsync();
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.UserPresenceRequired.Code, await CompleteErrorAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony, flags: TestFlags.None)));
    }

    [Fact]
    public async Task CompleteAuthentication_BackedUpWithoutBackupEligible_FailsWithBackupStateInvalid()
    {
        await RegisterAsync();
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.BackupStateInvalid.Code,
            await CompleteErrorAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony, flags: TestFlags.UP | TestFlags.BS)));
    }

    [Fact]
    public async Task CompleteAuthentication_BadSignature_FailsWithSignatureInvalid()
    {
        await RegisterAsync();
        var ceremony = await BeginAsync();
        var clientData = TestAuthenticator.ClientDataJson("webauthn.get", CeremonyHarness.ChallengeOf(ceremony), CeremonyHarness.Origin);
        var authData = _key.AuthenticatorData(CeremonyHarness.RpId, TestFlags.UP, 0);
        var signature = _key.SignAssertion(authData, clientData);
        authData[^1] ^= 1;
        var json = CeremonyHarness.AuthenticationJson(_key.CredentialId, clientData, authData, signature);

        Assert.Equal(WebAuthnErrors.SignatureInvalid.Code, await CompleteErrorAsync(ceremony, json));
    }

    [Theory]
    [InlineData(10u, 5u)]
    [InlineData(10u, 10u)]
    [InlineData(10u, 0u)]
    public async Task CompleteAuthentication_CounterNotIncreased_FailsAndLogsPossibleClonedKey(uint stored, uint received)
    {
        var device = await RegisterAsync(signCount: stored);
        var ceremony = await BeginAsync();

        Assert.Equal(WebAuthnErrors.CounterNotIncreased.Code, await CompleteErrorAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony, signCount: received)));
        Assert.Contains(await _harness.EventsAsync(), e => e.Type == SecurityEventTypes.PossibleClonedKey && e.DeviceId == device.Id);
        Assert.Equal(stored, (await _harness.Devices.FindAsync(device.Id, TestContext.Current.CancellationToken))!.SecurityKey!.SignCount);
    }

    [Fact]
    public async Task CompleteAuthentication_AuthenticatorWithoutCounter_KeepsWorking()
    {
        await RegisterAsync(signCount: 0);
        var first = await BeginAsync();
        Assert.True((await CompleteAsync(first, CeremonyHarness.AssertionJson(_key, first, signCount: 0))).Succeeded);
        var second = await BeginAsync();

        Assert.True((await CompleteAsync(second, CeremonyHarness.AssertionJson(_key, second, signCount: 0))).Succeeded);
    }

    [Fact]
    public async Task CompleteAuthentication_SameChallengeTwice_SecondFailsWithChallengeExpired()
    {
        await RegisterAsync();
        var ceremony = await BeginAsync();
        Assert.True((await CompleteAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony, signCount: 1))).Succeeded);

        Assert.Equal(TwoFactorErrors.ChallengeExpired.Code, await CompleteErrorAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony, signCount: 2)));
    }

    [Fact]
    public async Task CompleteAuthentication_ExpiredChallenge_FailsWithChallengeExpired()
    {
        await RegisterAsync();
        var ceremony = await BeginAsync();
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(TwoFactorErrors.ChallengeExpired.Code, await CompleteErrorAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony)));
    }

    [Fact]
    public async Task CompleteAuthentication_RegistrationChallenge_FailsWithChallengeExpired()
    {
        await RegisterAsync();
        var registration = await _harness.Registration.BeginRegistrationAsync(CeremonyHarness.UserId, "staff", "Staff", TestContext.Current.CancellationToken);

        Assert.Equal(TwoFactorErrors.ChallengeExpired.Code, await CompleteErrorAsync(registration, CeremonyHarness.AssertionJson(_key, registration)));
    }

    [Fact]
    public async Task CompleteAuthentication_OtherUsersChallenge_FailsWithChallengeExpired()
    {
        using var theirs = new TestAuthenticator();
        await _harness.RegisterAsync(theirs, userId: "user-2");
        await RegisterAsync();
        var ceremony = await BeginAsync("user-2");

        Assert.Equal(TwoFactorErrors.ChallengeExpired.Code, await CompleteErrorAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony)));
    }

    public static TheoryData<string> MalformedResponses => new()
    {
        "",
        "not json",
        "[]",
        "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\"}",
        "{\"id\":\"AA+A\",\"rawId\":\"AA+A\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\",\"authenticatorData\":\"AAAA\",\"signature\":\"AAAA\"}}",
        "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30=\",\"authenticatorData\":\"AAAA\",\"signature\":\"AAAA\"}}",
        "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\",\"authenticatorData\":\"AAAA\",\"signature\":\"AAAA\"},\"clientExtensionResults\":{\"appid\":\"yes\"}}",
    };

    [Theory]
    [MemberData(nameof(MalformedResponses))]
    public async Task CompleteAuthentication_MalformedResponse_FailsAndChangesNothing(string json)
    {
        var device = await RegisterAsync(signCount: 3);
        var ceremony = await BeginAsync();
        var eventsBefore = (await _harness.EventsAsync()).Count;

        var error = await CompleteErrorAsync(ceremony, json);

        Assert.True(error is "webauthn.malformed_response" or "webauthn.extension_output_invalid", error);
        Assert.Equal(eventsBefore, (await _harness.EventsAsync()).Count);
        CeremonyHarness.AssertSameDevice(device, await _harness.Devices.FindAsync(device.Id, TestContext.Current.CancellationToken));
        Assert.True((await CompleteAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony, signCount: 4))).Succeeded);
    }

    [Fact]
    public async Task CompleteAuthentication_TruncatedAuthenticatorData_FailsWithMalformedResponseAndChangesNothing()
    {
        var device = await RegisterAsync();
        var ceremony = await BeginAsync();
        var clientData = TestAuthenticator.ClientDataJson("webauthn.get", CeremonyHarness.ChallengeOf(ceremony), CeremonyHarness.Origin);
        var authData = _key.AuthenticatorData(CeremonyHarness.RpId, TestFlags.UP, 1)[..36];
        var json = CeremonyHarness.AuthenticationJson(_key.CredentialId, clientData, authData, _key.SignAssertion(authData, clientData));

        Assert.Equal(WebAuthnErrors.MalformedResponse.Code, await CompleteErrorAsync(ceremony, json));
        await AssertNothingChangedAsync(device, ceremony);
    }

    [Fact]
    public async Task CompleteAuthentication_ExtensionDataThatIsNotCbor_FailsWithMalformedResponseAndChangesNothing()
    {
        var device = await RegisterAsync();
        var ceremony = await BeginAsync();
        var clientData = TestAuthenticator.ClientDataJson("webauthn.get", CeremonyHarness.ChallengeOf(ceremony), CeremonyHarness.Origin);
        var authData = _key.AuthenticatorData(CeremonyHarness.RpId, TestFlags.UP | TestFlags.ED, 1, extensions: [0xA1, 0x61]);
        var json = CeremonyHarness.AuthenticationJson(_key.CredentialId, clientData, authData, _key.SignAssertion(authData, clientData));

        Assert.Equal(WebAuthnErrors.MalformedResponse.Code, await CompleteErrorAsync(ceremony, json));
        await AssertNothingChangedAsync(device, ceremony);
    }

    /// <summary>The key and the security log are unchanged, and the challenge still completes a valid assertion.</summary>
    private async Task AssertNothingChangedAsync(Device device, WebAuthnCeremony ceremony)
    {
        CeremonyHarness.AssertSameDevice(device, await _harness.Devices.FindAsync(device.Id, TestContext.Current.CancellationToken));
        Assert.DoesNotContain(await _harness.EventsAsync(), e => e.Type == SecurityEventTypes.FactorFailed);
        Assert.True((await CompleteAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony, signCount: device.SecurityKey!.SignCount + 1))).Succeeded);
    }

    [Fact]
    public async Task CompleteAuthentication_BackupStateChange_IsRecordedAndLogged()
    {
        var device = await RegisterAsync();
        var ceremony = await BeginAsync();

        var result = await CompleteAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony, flags: TestFlags.UP | TestFlags.BE | TestFlags.BS));

        Assert.True(result.Succeeded, result.ToString());
        Assert.True(result.Value.SecurityKey!.BackupEligible);
        Assert.True(result.Value.SecurityKey.BackedUp);
        Assert.Contains(await _harness.EventsAsync(), e => e.Type == SecurityEventTypes.BackupStateChanged && e.DeviceId == device.Id);
    }

    [Fact]
    public async Task BeginAuthentication_UserWithoutKeys_FailsWithNoCredentials()
    {
        var result = await _harness.Authentication.BeginAuthenticationAsync("nobody", TestContext.Current.CancellationToken);

        Assert.Equal(WebAuthnErrors.NoCredentials.Code, result.Error?.Code);
    }

    [Fact]
    public async Task CompleteAuthentication_FailureAfterTheFreeOnes_IsThrottled()
    {
        await RegisterAsync();
        await FailOnceAsync();
        await FailOnceAsync();
        await FailOnceAsync();

        Assert.Equal("core.throttled", await FailOnceAsync());
    }

    private async Task<string?> FailOnceAsync()
    {
        var ceremony = await BeginAsync();
        return await CompleteErrorAsync(ceremony, CeremonyHarness.AssertionJson(_key, ceremony, rpId: "evil.example"));
    }
}
