using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Sample.Tests.Infrastructure;
using Cpoms.TwoFactor.Sample.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.Sample.Tests;

/// <summary>
/// The security-key endpoints (<c>/cpoms-2fa/webauthn/…</c>) as the sample maps them, driven by a software security key
/// the way <c>cpoms-webauthn.js</c> drives a real one.
/// </summary>
public sealed class WebAuthnApiTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    private const string RegisterOptions = "/cpoms-2fa/webauthn/register/options";
    private const string RegisterComplete = "/cpoms-2fa/webauthn/register/complete";
    private const string AuthenticateOptions = "/cpoms-2fa/webauthn/authenticate/options";
    private const string AuthenticateComplete = "/cpoms-2fa/webauthn/authenticate/complete";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(SampleBrowser Browser, DemoUser User, string Token)> SignedInAsync()
    {
        var user = factory.CreateUser(UserGroups.SafeguardingLead);
        var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);
        return (browser, user, await TokenAsync(browser));
    }

    private static async Task<string> TokenAsync(SampleBrowser browser)
    {
        var home = await browser.GetAsync("/");
        return home.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(SampleBrowser browser, string path, string? token, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        using var response = await browser.Client.SendAsync(request, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Completion(string challengeId, string credentialJson, string? name = null) =>
        "{\"challengeId\":" + JsonSerializer.Serialize(challengeId) + (name is null ? "" : ",\"name\":" + JsonSerializer.Serialize(name)) +
        ",\"credential\":" + credentialJson + "}";

    private async Task<IReadOnlyList<Device>> DevicesAsync(DemoUser user) =>
        await factory.Services.GetRequiredService<IDeviceStore>().ListAsync(user.Id, Cancel);

    /// <summary>Registers <paramref name="key"/> through the two registration endpoints; asserts 200.</summary>
    private async Task<JsonElement> RegisterAsync(SampleBrowser browser, string token, SoftwareSecurityKey key, string name = "U2F Key")
    {
        var (status, options) = await PostAsync(browser, RegisterOptions, token, "{}");
        Assert.Equal(HttpStatusCode.OK, status);
        var credential = key.Create(options.GetProperty("publicKey"), factory.Origin);
        var (completed, body) = await PostAsync(browser, RegisterComplete, token, Completion(options.GetProperty("challengeId").GetString()!, credential, name));
        Assert.True(completed == HttpStatusCode.OK, body.ToString());
        return body;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> AuthenticateAsync(SampleBrowser browser, string token, SoftwareSecurityKey key, string returnUrl)
    {
        var (status, options) = await PostAsync(browser, AuthenticateOptions, token, "{}");
        Assert.Equal(HttpStatusCode.OK, status);
        var assertion = key.Get(options.GetProperty("publicKey"), factory.Origin);
        return await PostAsync(browser, AuthenticateComplete + "?returnUrl=" + Uri.EscapeDataString(returnUrl), token,
            Completion(options.GetProperty("challengeId").GetString()!, assertion));
    }

    private static async Task<bool> IsElevatedAsync(SampleBrowser browser) =>
        (await browser.Client.GetFromJsonAsync<JsonElement>(new Uri("/cpoms-2fa/session", UriKind.Relative), Cancel)).GetProperty("elevated").GetBoolean();

    [Fact]
    public async Task RegisterOptions_NewUser_ReturnsCreationOptionsWithA32ByteChallenge()
    {
        var (browser, _, token) = await SignedInAsync();
        using var _browser = browser;

        var (status, body) = await PostAsync(browser, RegisterOptions, token, "{}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("challengeId").GetString()));
        var publicKey = body.GetProperty("publicKey");
        Assert.Equal(32, SoftwareSecurityKey.FromBase64Url(publicKey.GetProperty("challenge").GetString()!).Length);
        Assert.Equal("localhost", publicKey.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal("Cpoms Sample", publicKey.GetProperty("rp").GetProperty("name").GetString());
        Assert.Equal("discouraged", publicKey.GetProperty("authenticatorSelection").GetProperty("userVerification").GetString());
    }

    [Fact]
    public async Task RegisterOptions_UserWithAKey_ExcludesTheRegisteredKey()
    {
        var (browser, _, token) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();
        await RegisterAsync(browser, token, key);
        var (elevated, _) = await AuthenticateAsync(browser, token, key, "/");
        Assert.Equal(HttpStatusCode.OK, elevated);

        var (status, body) = await PostAsync(browser, RegisterOptions, token, "{}");

        Assert.Equal(HttpStatusCode.OK, status);
        var excluded = Assert.Single(body.GetProperty("publicKey").GetProperty("excludeCredentials").EnumerateArray());
        Assert.Equal(SoftwareSecurityKey.Base64Url(key.CredentialId), excluded.GetProperty("id").GetString());
        Assert.Equal("public-key", excluded.GetProperty("type").GetString());
    }

    [Fact]
    public async Task RegisterOptions_NotSignedIn_Is401ProblemWithCode()
    {
        using var browser = factory.CreateBrowser();

        var (status, body) = await PostAsync(browser, RegisterOptions, "token", "{}");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("aspnetcore.not_signed_in", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task RegisterOptions_WithoutAntiforgeryToken_Is400ProblemWithCode()
    {
        var (browser, _, _) = await SignedInAsync();
        using var _browser = browser;

        var (status, body) = await PostAsync(browser, RegisterOptions, null, "{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("aspnetcore.antiforgery", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task RegisterOptions_UserWithDevicesNotElevated_IsRefused()
    {
        var (browser, user, token) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();
        await RegisterAsync(browser, token, key);

        var (status, body) = await PostAsync(browser, RegisterOptions, token, "{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("core.enrollment_not_allowed", body.GetProperty("code").GetString());
        Assert.Single(await DevicesAsync(user));
    }

    [Fact]
    public async Task RegisterComplete_UserWithDevicesNotElevated_IsRefusedAndAddsNothing()
    {
        var (browser, user, token) = await SignedInAsync();
        using var _browser = browser;
        using var first = new SoftwareSecurityKey();
        using var second = new SoftwareSecurityKey();
        var (_, options) = await PostAsync(browser, RegisterOptions, token, "{}");
        await RegisterAsync(browser, token, first);

        var credential = second.Create(options.GetProperty("publicKey"), factory.Origin);
        var (status, body) = await PostAsync(browser, RegisterComplete, token, Completion(options.GetProperty("challengeId").GetString()!, credential, "Second"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("core.enrollment_not_allowed", body.GetProperty("code").GetString());
        Assert.Single(await DevicesAsync(user));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"challengeId\":\"abc\",\"name\":\"U2F Key\"}")]
    [InlineData("{\"challengeId\":\"abc\",\"name\":\"U2F Key\",\"credential\":\"text\"}")]
    [InlineData("{\"challengeId\":42,\"name\":\"U2F Key\",\"credential\":{}}")]
    [InlineData("{\"challengeId\":\"abc\",\"credential\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{}}}}}}}}}")]
    public async Task RegisterComplete_MalformedBody_Is400InvalidRequestAndAddsNothing(string json)
    {
        var (browser, user, token) = await SignedInAsync();
        using var _browser = browser;

        var (status, body) = await PostAsync(browser, RegisterComplete, token, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("aspnetcore.invalid_request", body.GetProperty("code").GetString());
        Assert.Empty(await DevicesAsync(user));
    }

    [Fact]
    public async Task RegisterComplete_HugeBody_Is400InvalidRequest()
    {
        var (browser, user, token) = await SignedInAsync();
        using var _browser = browser;
        var huge = Completion("abc", "{\"id\":\"" + new string('A', 200_000) + "\"}", "U2F Key");

        var (status, body) = await PostAsync(browser, RegisterComplete, token, huge);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("aspnetcore.invalid_request", body.GetProperty("code").GetString());
        Assert.Empty(await DevicesAsync(user));
    }

    [Fact]
    public async Task RegisterComplete_UnreadableCredential_Is400AndKeepsTheChallengeUsable()
    {
        var (browser, user, token) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();
        var (_, options) = await PostAsync(browser, RegisterOptions, token, "{}");
        var challengeId = options.GetProperty("challengeId").GetString()!;

        var (status, body) = await PostAsync(browser, RegisterComplete, token,
            Completion(challengeId, "{\"id\":\"%%\",\"rawId\":\"%%\",\"type\":\"public-key\",\"response\":{}}", "U2F Key"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("webauthn.malformed_response", body.GetProperty("code").GetString());
        Assert.Empty(await DevicesAsync(user));

        var (retried, _) = await PostAsync(browser, RegisterComplete, token, Completion(challengeId, key.Create(options.GetProperty("publicKey"), factory.Origin), "U2F Key"));
        Assert.Equal(HttpStatusCode.OK, retried);
    }

    [Fact]
    public async Task RegisterComplete_UnknownChallenge_Is400ChallengeExpired()
    {
        var (browser, user, token) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();
        var (_, options) = await PostAsync(browser, RegisterOptions, token, "{}");

        var (status, body) = await PostAsync(browser, RegisterComplete, token,
            Completion("unknown-challenge", key.Create(options.GetProperty("publicKey"), factory.Origin), "U2F Key"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("core.challenge_expired", body.GetProperty("code").GetString());
        Assert.Empty(await DevicesAsync(user));
    }

    [Fact]
    public async Task RegisterComplete_ReplayedChallenge_Is400ChallengeExpiredAndAddsOneKey()
    {
        var (browser, user, token) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();
        using var other = new SoftwareSecurityKey();
        var (_, options) = await PostAsync(browser, RegisterOptions, token, "{}");
        var challengeId = options.GetProperty("challengeId").GetString()!;
        var (first, _) = await PostAsync(browser, RegisterComplete, token, Completion(challengeId, key.Create(options.GetProperty("publicKey"), factory.Origin), "U2F Key"));
        Assert.Equal(HttpStatusCode.OK, first);

        // A new key answering the same challenge: the challenge was consumed. (The session is not elevated, so the
        // enrollment gate refuses first; elevate to reach the challenge check.)
        var (elevated, _) = await AuthenticateAsync(browser, token, key, "/");
        Assert.Equal(HttpStatusCode.OK, elevated);
        var (status, body) = await PostAsync(browser, RegisterComplete, token, Completion(challengeId, other.Create(options.GetProperty("publicKey"), factory.Origin), "Other"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("core.challenge_expired", body.GetProperty("code").GetString());
        Assert.Single(await DevicesAsync(user));
    }

    [Fact]
    public async Task RegisterComplete_FirstKey_Returns200WithDeviceIdAndNameAndAnUnverifiedKey()
    {
        var (browser, user, token) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();

        var body = await RegisterAsync(browser, token, key, "  U2F Key ");

        var device = Assert.Single(await DevicesAsync(user));
        Assert.Equal(device.Id, body.GetProperty("deviceId").GetString());
        Assert.Equal("U2F Key", body.GetProperty("name").GetString());
        Assert.Equal(DeviceKind.SecurityKey, device.Kind);
        Assert.False(device.IsVerified);
        Assert.Equal(key.CredentialId, device.SecurityKey!.CredentialId);
    }

    [Fact]
    public async Task RegisterThenAuthenticate_AfterSignOut_ElevatesTheSessionAndStoresTheSignCount()
    {
        var (browser, user, token) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();
        await RegisterAsync(browser, token, key);
        await Flows.SignOutAsync(browser);
        await Flows.SignInAsync(browser, user);
        token = await TokenAsync(browser);
        Assert.False(await IsElevatedAsync(browser));

        var (status, body) = await AuthenticateAsync(browser, token, key, "/Safeguarding");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/Safeguarding", body.GetProperty("redirect").GetString());
        Assert.True(await IsElevatedAsync(browser));
        var device = Assert.Single(await DevicesAsync(user));
        Assert.Equal(1u, device.SecurityKey!.SignCount);
        Assert.True(device.IsVerified);
        var page = await browser.GetAsync("/Safeguarding");
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public async Task AuthenticateOptions_UserWithAKey_AllowsThatKeyWithoutUserVerification()
    {
        var (browser, _, token) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();
        await RegisterAsync(browser, token, key);

        var (status, body) = await PostAsync(browser, AuthenticateOptions, token, "{}");

        Assert.Equal(HttpStatusCode.OK, status);
        var publicKey = body.GetProperty("publicKey");
        Assert.Equal(32, SoftwareSecurityKey.FromBase64Url(publicKey.GetProperty("challenge").GetString()!).Length);
        Assert.Equal("discouraged", publicKey.GetProperty("userVerification").GetString());
        var allowed = Assert.Single(publicKey.GetProperty("allowCredentials").EnumerateArray());
        Assert.Equal(SoftwareSecurityKey.Base64Url(key.CredentialId), allowed.GetProperty("id").GetString());
    }

    [Fact]
    public async Task AuthenticateOptions_UserWithoutKeys_Is400NoCredentials()
    {
        var (browser, _, token) = await SignedInAsync();
        using var _browser = browser;

        var (status, body) = await PostAsync(browser, AuthenticateOptions, token, "{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("webauthn.no_credentials", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task AuthenticateComplete_ReplayedAssertion_Is400AndTheCountStays()
    {
        var (browser, user, token) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();
        await RegisterAsync(browser, token, key);
        var (_, options) = await PostAsync(browser, AuthenticateOptions, token, "{}");
        var completion = Completion(options.GetProperty("challengeId").GetString()!, key.Get(options.GetProperty("publicKey"), factory.Origin));
        var (first, _) = await PostAsync(browser, AuthenticateComplete, token, completion);
        Assert.Equal(HttpStatusCode.OK, first);

        var (status, body) = await PostAsync(browser, AuthenticateComplete, token, completion);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("core.challenge_expired", body.GetProperty("code").GetString());
        Assert.Equal(1u, Assert.Single(await DevicesAsync(user)).SecurityKey!.SignCount);
    }

    [Theory]
    [InlineData("not json", "aspnetcore.invalid_request")]
    [InlineData("{\"challengeId\":\"abc\"}", "aspnetcore.invalid_request")]
    [InlineData("{\"challengeId\":\"abc\",\"credential\":{\"id\":1}}", "webauthn.malformed_response")]
    public async Task AuthenticateComplete_UnreadableRequest_Is400AndStaysUnelevated(string json, string code)
    {
        var (browser, user, token) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();
        await RegisterAsync(browser, token, key);

        var (status, body) = await PostAsync(browser, AuthenticateComplete, token, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.False(await IsElevatedAsync(browser));
        Assert.Equal(0u, Assert.Single(await DevicesAsync(user)).SecurityKey!.SignCount);
    }

    [Fact]
    public async Task AuthenticateComplete_UnknownChallenge_Is400ChallengeExpiredAndStaysUnelevated()
    {
        var (browser, _, token) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();
        await RegisterAsync(browser, token, key);
        var (_, options) = await PostAsync(browser, AuthenticateOptions, token, "{}");

        var (status, body) = await PostAsync(browser, AuthenticateComplete, token, Completion("unknown-challenge", key.Get(options.GetProperty("publicKey"), factory.Origin)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("core.challenge_expired", body.GetProperty("code").GetString());
        Assert.False(await IsElevatedAsync(browser));
    }

    [Fact]
    public async Task AuthenticateComplete_ReturnUrlOnAnotherSite_RedirectsHome()
    {
        var (browser, _, token) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();
        await RegisterAsync(browser, token, key);

        var (status, body) = await AuthenticateAsync(browser, token, key, "//evil.example/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/", body.GetProperty("redirect").GetString());
    }
}
