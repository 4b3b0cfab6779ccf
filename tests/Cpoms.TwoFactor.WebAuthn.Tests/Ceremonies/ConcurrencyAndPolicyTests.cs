using Cpoms.TwoFactor.Core.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ceremonies;

public sealed class ConcurrencyAndPolicyTests
{
    [Fact]
    public async Task CompleteAuthentication_LostCounterRace_FailsWithCounterNotIncreased()
    {
        var store = new RacingDeviceStore();
        using var harness = new CeremonyHarness(services: s => s.AddSingleton<IDeviceStore>(store));
        using var key = new TestAuthenticator { SignCount = 1 };
        var device = await harness.RegisterAsync(key);
        var ceremony = (await harness.Authentication.BeginAuthenticationAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken)).Value!;
        store.Race = true;

        var result = await harness.Authentication.CompleteAuthenticationAsync(
            CeremonyHarness.UserId, ceremony.ChallengeId, CeremonyHarness.AssertionJson(key, ceremony, signCount: 2), TestContext.Current.CancellationToken);

        Assert.Equal(WebAuthnErrors.CounterNotIncreased.Code, result.Error?.Code);
        Assert.Null((await harness.Devices.FindAsync(device.Id, TestContext.Current.CancellationToken))!.LastUsedAt);
    }

    [Fact]
    public async Task CompleteAuthentication_SameResponseSentTwiceAtOnce_SucceedsOnce()
    {
        using var harness = new CeremonyHarness();
        using var key = new TestAuthenticator();
        await harness.RegisterAsync(key);
        var ceremony = (await harness.Authentication.BeginAuthenticationAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken)).Value!;
        var json = CeremonyHarness.AssertionJson(key, ceremony, signCount: 1);
        using var scopeA = harness.NewScope();
        using var scopeB = harness.NewScope();

        var results = await Task.WhenAll(
            Task.Run(() => Authentication(scopeA).CompleteAuthenticationAsync(CeremonyHarness.UserId, ceremony.ChallengeId, json), TestContext.Current.CancellationToken),
            Task.Run(() => Authentication(scopeB).CompleteAuthenticationAsync(CeremonyHarness.UserId, ceremony.ChallengeId, json), TestContext.Current.CancellationToken));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Error?.Code == "core.challenge_expired");
    }

    private static WebAuthnAuthenticationService Authentication(IServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<WebAuthnAuthenticationService>();

    [Fact]
    public async Task CompleteAuthentication_UserVerificationRequiredButNotDone_FailsWithUserVerificationRequired()
    {
        using var harness = new CeremonyHarness(o => o.UserVerification = WebAuthnUserVerification.Required);
        using var key = new TestAuthenticator();
        await RegisterWithUserVerificationAsync(harness, key);
        var ceremony = (await harness.Authentication.BeginAuthenticationAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken)).Value!;

        var result = await harness.Authentication.CompleteAuthenticationAsync(
            CeremonyHarness.UserId, ceremony.ChallengeId, CeremonyHarness.AssertionJson(key, ceremony, flags: TestFlags.UP), TestContext.Current.CancellationToken);

        Assert.Equal(WebAuthnErrors.UserVerificationRequired.Code, result.Error?.Code);
    }

    [Fact]
    public async Task CompleteAuthentication_UserVerificationRequiredAndDone_Succeeds()
    {
        using var harness = new CeremonyHarness(o => o.UserVerification = WebAuthnUserVerification.Required);
        using var key = new TestAuthenticator();
        await RegisterWithUserVerificationAsync(harness, key);
        var ceremony = (await harness.Authentication.BeginAuthenticationAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken)).Value!;

        var result = await harness.Authentication.CompleteAuthenticationAsync(
            CeremonyHarness.UserId, ceremony.ChallengeId, CeremonyHarness.AssertionJson(key, ceremony, flags: TestFlags.UP | TestFlags.UV), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task CompleteAuthentication_UserVerificationPreferredButNotDone_Succeeds()
    {
        using var harness = new CeremonyHarness(o => o.UserVerification = WebAuthnUserVerification.Preferred);
        using var key = new TestAuthenticator();
        await harness.RegisterAsync(key);
        var ceremony = (await harness.Authentication.BeginAuthenticationAsync(CeremonyHarness.UserId, TestContext.Current.CancellationToken)).Value!;

        var result = await harness.Authentication.CompleteAuthenticationAsync(
            CeremonyHarness.UserId, ceremony.ChallengeId, CeremonyHarness.AssertionJson(key, ceremony, flags: TestFlags.UP), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.ToString());
    }

    private static async Task RegisterWithUserVerificationAsync(CeremonyHarness harness, TestAuthenticator key)
    {
        var ceremony = await harness.Registration.BeginRegistrationAsync(CeremonyHarness.UserId, "staff", "Staff");
        var clientData = TestAuthenticator.ClientDataJson("webauthn.create", CeremonyHarness.ChallengeOf(ceremony), CeremonyHarness.Origin);
        var authData = key.AuthenticatorData(CeremonyHarness.RpId, TestFlags.UP | TestFlags.UV | TestFlags.AT, 0, key.AttestedCredentialData());
        var json = CeremonyHarness.RegistrationJson(key.CredentialId, clientData, TestAuthenticator.NoneAttestationObject(authData));
        Assert.True((await harness.Registration.CompleteRegistrationAsync(CeremonyHarness.UserId, ceremony.ChallengeId, "Key", json)).Succeeded);
    }
}
