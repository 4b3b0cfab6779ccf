using System.Net;
using System.Text;
using System.Text.Json;
using Cpoms.TwoFactor.Sample.Tests.Pages;
using Cpoms.TwoFactor.Sample.Users;

namespace Cpoms.TwoFactor.Sample.Tests.Infrastructure;

/// <summary>Multi-page steps shared by the tests.</summary>
public static class Flows
{
    /// <summary>Signs in with the password only; returns the page the site went to.</summary>
    public static async Task<HtmlPage> SignInAsync(SampleBrowser browser, DemoUser user) =>
        await (await LoginPage.OpenAsync(browser)).SignInAsync(user.Email, SampleFactory.Password);

    /// <summary>Signs in and enrolls an authenticator app named <paramref name="deviceName"/> with a code computed from its secret.</summary>
    public static async Task<(SampleBrowser Browser, byte[] Secret, SecurityKeysTab Tab)> SignInAndEnrollAsync(
        SampleFactory factory, DemoUser user, string deviceName = "My Phone")
    {
        var browser = factory.CreateBrowser();
        await SignInAsync(browser, user);
        var (secret, tab) = await EnrollAsync(browser, deviceName);
        return (browser, secret, tab);
    }

    /// <summary>Adds an authenticator app on the Security keys tab of a signed-in browser.</summary>
    public static async Task<(byte[] Secret, SecurityKeysTab Tab)> EnrollAsync(SampleBrowser browser, string deviceName)
    {
        var qr = await (await SecurityKeysTab.OpenAsync(browser)).AddNewDeviceAsync();
        var secret = qr.Secret;
        var saved = await qr.SaveAsync(deviceName, Rfc6238.Code(secret, browser.Factory.Clock.GetUtcNow()));
        Assert.Equal("Successfully added new two-factor authentication method.", saved.Page.StatusMessage);
        return (secret, saved);
    }

    /// <summary>Moves to the next time step (the enrollment code's step cannot sign in), signs in again and passes the prompt.</summary>
    public static async Task<HtmlPage> SignInAndElevateAsync(SampleBrowser browser, DemoUser user, byte[] secret)
    {
        browser.Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var prompt = new TwoFactorPromptPage(browser, await SignInAsync(browser, user));
        Assert.True(prompt.IsShown);
        return await prompt.AuthenticateAsync(Rfc6238.Code(secret, browser.Factory.Clock.GetUtcNow()));
    }

    /// <summary>Presses "Log out" in the user menu.</summary>
    public static async Task<HtmlPage> SignOutAsync(SampleBrowser browser)
    {
        var home = await browser.GetAsync("/");
        return await browser.SubmitAsync(home.Form(".user-menu form"));
    }

    /// <summary>
    /// Adds <paramref name="key"/> as a security key through the SDK's endpoints, the way <c>cpoms-webauthn.js</c> does
    /// (options, the key's response, completion with the antiforgery token of a page); asserts each step succeeded.
    /// </summary>
    public static async Task RegisterSecurityKeyAsync(SampleBrowser browser, SoftwareSecurityKey key, string name = "U2F Key")
    {
        var home = await browser.GetAsync("/");
        var token = home.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var options = await PostJsonAsync(browser, "/cpoms-2fa/webauthn/register/options", token, "{}");
        var credential = key.Create(options.GetProperty("publicKey"), browser.Factory.Origin);
        await PostJsonAsync(browser, "/cpoms-2fa/webauthn/register/complete", token,
            "{\"challengeId\":" + JsonSerializer.Serialize(options.GetProperty("challengeId").GetString()) +
            ",\"name\":" + JsonSerializer.Serialize(name) + ",\"credential\":" + credential + "}");
    }

    private static async Task<JsonElement> PostJsonAsync(SampleBrowser browser, string path, string token, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await browser.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, path + ": " + text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
