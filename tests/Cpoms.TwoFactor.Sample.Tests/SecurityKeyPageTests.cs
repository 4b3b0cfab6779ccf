using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cpoms.TwoFactor.Sample.Tests.Infrastructure;
using Cpoms.TwoFactor.Sample.Tests.Pages;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Sample.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.Sample.Tests;

/// <summary>The security-key pages of the sample: Add new device → Security Key, the prompt's "Use security key", the script.</summary>
public sealed class SecurityKeyPageTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    private const string Unsupported =
        "This browser cannot use security keys. Please use an up-to-date version of Google Chrome, Microsoft Edge, Mozilla Firefox or Opera.";

    private const string ScriptPath = "/_content/Cpoms.TwoFactor.AspNetCore/cpoms-webauthn.js";

    private async Task<(SampleBrowser Browser, DemoUser User)> SignedInAsync()
    {
        var user = factory.CreateUser(UserGroups.SafeguardingLead);
        var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);
        return (browser, user);
    }

    [Fact]
    public async Task Script_IsServedAsAStaticWebAssetOfTheAspNetCorePackage()
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.Client.GetAsync(new Uri(ScriptPath, UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("parseCreationOptionsFromJSON", text, StringComparison.Ordinal);
        Assert.Contains(Unsupported, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaticAssets_SiteStylesheet_IsStillServed()
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.Client.GetAsync(new Uri("/css/site.css", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ChooseMethod_NewUser_OffersAuthenticatorAppAndSecurityKey()
    {
        var (browser, _) = await SignedInAsync();
        using var _browser = browser;

        var page = await (await SecurityKeysTab.OpenAsync(browser)).ChooseMethodAsync();

        var buttons = page.Document.QuerySelectorAll("main form button[type=submit]").Select(b => b.TextContent.Trim());
        Assert.Equal(["Authenticator app", "Security Key"], buttons);
    }

    [Fact]
    public async Task SecurityKeyPage_NewUser_HasALabelledNameFieldTheScriptAndAPoliteStatus()
    {
        var (browser, _) = await SignedInAsync();
        using var _browser = browser;

        var page = await browser.GetAsync("/Settings/AddSecurityKey");

        var form = page.Document.QuerySelector<IHtmlFormElement>("#security-key-form")!;
        Assert.Equal("register", form.GetAttribute("data-cpoms-webauthn"));
        Assert.Equal("/cpoms-2fa/webauthn/register/options", form.GetAttribute("data-options-url"));
        Assert.Equal("/cpoms-2fa/webauthn/register/complete", form.GetAttribute("data-complete-url"));
        Assert.Equal("Name", page.Document.QuerySelector("label[for=key-name]")?.TextContent.Trim());
        Assert.Equal("name", page.Document.QuerySelector("#key-name")?.GetAttribute("name"));
        Assert.Contains("e.g. U2F Key", page.Document.QuerySelector("#key-name-help")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("polite", form.QuerySelector("[data-cpoms-webauthn-status]")?.GetAttribute("aria-live"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("Use Security Key", form.QuerySelector("button[type=submit]")?.TextContent.Trim());
        Assert.Equal([ScriptPath], page.Document.QuerySelectorAll("script").Select(s => s.GetAttribute("src")));
    }

    [Fact]
    public async Task SecurityKeyPage_ContentSecurityPolicy_AllowsOnlyScriptsFromTheSite()
    {
        var (browser, _) = await SignedInAsync();
        using var _browser = browser;

        using var response = await browser.Client.GetAsync(new Uri("/Settings/AddSecurityKey", UriKind.Relative), TestContext.Current.CancellationToken);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecurityKeyPage_PostedWithoutTheScript_ShowsTheUnsupportedBrowserMessage()
    {
        var (browser, user) = await SignedInAsync();
        using var _browser = browser;
        var page = await browser.GetAsync("/Settings/AddSecurityKey");

        var posted = await browser.SubmitAsync(page.Form("#security-key-form"), new Dictionary<string, string?> { ["name"] = "U2F Key" });

        Assert.Equal(Unsupported, posted.ErrorMessage);
        Assert.Empty(await factory.Services.GetRequiredService<IDeviceStore>().ListAsync(user.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SecurityKeyPage_Registered_ConfirmsAndListsTheKeyAsUnverified()
    {
        var (browser, _) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();
        await Flows.RegisterSecurityKeyAsync(browser, key, "U2F Key");

        var confirmation = await browser.GetAsync("/Settings/AddSecurityKey?registered=true");
        var tab = await SecurityKeysTab.OpenAsync(browser);

        Assert.Equal("Your security key has been registered.", confirmation.StatusMessage);
        Assert.Equal("/Settings/SecurityKeys", confirmation.Document.QuerySelector("main a.button")?.GetAttribute("href"));
        Assert.Equal("Continue", confirmation.Document.QuerySelector("main a.button")?.TextContent.Trim());
        var row = Assert.Single(tab.SecurityKeys);
        Assert.Equal(("U2F Key", true, "05 January, 2026", "N/A"), (row.Name, row.Unverified, row.Registered, row.LastUsed));
    }

    [Fact]
    public async Task SecurityKeyPage_RegisteredWithoutAKey_ShowsNoConfirmation()
    {
        var (browser, _) = await SignedInAsync();
        using var _browser = browser;

        var page = await browser.GetAsync("/Settings/AddSecurityKey?registered=true");

        Assert.Null(page.StatusMessage);
        Assert.NotNull(page.Document.QuerySelector("#security-key-form"));
    }

    [Fact]
    public async Task SecurityKeyPage_UserWithADeviceNotElevated_IsGated()
    {
        var (browser, _) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();
        await Flows.RegisterSecurityKeyAsync(browser, key);

        var page = await browser.GetAsync("/Settings/AddSecurityKey");

        Assert.Null(page.Document.QuerySelector("#security-key-form"));
        Assert.NotNull(page.Document.QuerySelector("#enrollment-gated"));
    }

    [Fact]
    public async Task Prompt_UserWithASecurityKey_OffersUseSecurityKeyWithTheReturnUrl()
    {
        var (browser, user) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();
        await Flows.RegisterSecurityKeyAsync(browser, key);
        await Flows.SignOutAsync(browser);
        await Flows.SignInAsync(browser, user);

        var page = await browser.GetAsync("/Account/TwoFactor?returnUrl=%2FSafeguarding");

        var form = page.Document.QuerySelector<IHtmlFormElement>("#security-key-form")!;
        Assert.Equal("authenticate", form.GetAttribute("data-cpoms-webauthn"));
        Assert.Equal("/cpoms-2fa/webauthn/authenticate/options", form.GetAttribute("data-options-url"));
        Assert.Equal("/cpoms-2fa/webauthn/authenticate/complete?returnUrl=%2FSafeguarding", form.GetAttribute("data-complete-url"));
        Assert.Equal("Use security key", form.QuerySelector("button[type=submit]")?.TextContent.Trim());
        Assert.Null(page.Document.QuerySelector("#Code"));
        Assert.Equal([ScriptPath], page.Document.QuerySelectorAll("script").Select(s => s.GetAttribute("src")));
    }

    [Fact]
    public async Task Prompt_UserWithOnlyAnAuthenticatorApp_OffersNoSecurityKey()
    {
        var user = factory.CreateUser(UserGroups.SafeguardingLead);
        var (browser, _, _) = await Flows.SignInAndEnrollAsync(factory, user);
        using var _browser = browser;
        factory.Clock.Advance(TimeSpan.FromSeconds(30));

        var prompt = new TwoFactorPromptPage(browser, await Flows.SignInAsync(browser, user));

        Assert.True(prompt.IsShown);
        Assert.Null(prompt.Page.Document.QuerySelector("#security-key-form"));
        Assert.Empty(prompt.Page.Document.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task Prompt_UseSecurityKeyPostedWithoutTheScript_ShowsTheUnsupportedBrowserMessage()
    {
        var (browser, user) = await SignedInAsync();
        using var _browser = browser;
        using var key = new SoftwareSecurityKey();
        await Flows.RegisterSecurityKeyAsync(browser, key);
        await Flows.SignOutAsync(browser);
        var prompt = await Flows.SignInAsync(browser, user);

        var posted = await browser.SubmitAsync(prompt.Form("#security-key-form"));

        Assert.Equal(Unsupported, posted.ErrorMessage);
        Assert.Equal("/Account/TwoFactor", posted.Path);
    }

    [Fact]
    public async Task AdminSecurityKeys_UserWithAKeyAndAnApp_ShowsBothTypes()
    {
        var target = factory.CreateUser(UserGroups.Staff);
        var (targetBrowser, secret, _) = await Flows.SignInAndEnrollAsync(factory, target);
        using var _target = targetBrowser;
        await Flows.SignInAndElevateAsync(targetBrowser, target, secret);
        using var key = new SoftwareSecurityKey();
        await Flows.RegisterSecurityKeyAsync(targetBrowser, key, "U2F Key");
        var admin = factory.CreateUser(UserGroups.AdminKeyHolder);
        var (adminBrowser, adminSecret, _) = await Flows.SignInAndEnrollAsync(factory, admin);
        using var _admin = adminBrowser;
        await Flows.SignInAndElevateAsync(adminBrowser, admin, adminSecret);

        var page = await AdminUserSecurityKeysPage.OpenAsync(adminBrowser, target.Id);

        Assert.Equal([("My Phone", "TOTP"), ("U2F Key", "Security key")], page.Devices.Select(d => (d.Name, d.Type)).Order());
    }
}
