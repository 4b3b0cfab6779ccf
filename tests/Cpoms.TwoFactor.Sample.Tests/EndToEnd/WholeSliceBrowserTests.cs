using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Sample.Tests.Infrastructure;
using Cpoms.TwoFactor.Sample.Users;
using Cpoms.TwoFactor.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cpoms.TwoFactor.Sample.Tests.EndToEnd;

/// <summary>
/// Debian's Chromium, driven by Playwright, through the whole first slice on a real loopback port. Slow:
/// broad coverage lives in the in-memory tests; this one proves the pages work in a browser.
/// </summary>
public sealed class WholeSliceBrowserTests(KestrelSampleFactory factory) : IClassFixture<KestrelSampleFactory>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task SignInEnrollSignOutSignInAndElevate_OpensTheElevatedPageOnlyAfterThePrompt()
    {
        var user = factory.CreateUser(UserGroups.SafeguardingLead);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = factory.Start().ToString() });
        var page = await context.NewPageAsync();

        // Sign in with the password: a user without devices gets basic access.
        await page.GotoAsync("/");
        await page.GetByLabel("Email address").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(SampleFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#elevation-status")).ToContainTextAsync("Basic access");

        // Manage Devices → Add new device → scan (read the manual key) → Name + Code → Save this device.
        await page.Locator(".user-menu summary").ClickAsync();
        await page.Locator(".user-menu").GetByRole(AriaRole.Link, new() { Name = "Manage Devices" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add new device" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Authenticator app" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code to scan with your authenticator app" })).ToBeVisibleAsync();
        var secret = Rfc6238.Base32Decode(await page.Locator("#manual-entry-key").InnerTextAsync());
        await page.GetByLabel("Name").FillAsync("My Phone");
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Rfc6238.Code(secret, factory.Clock.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this device" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status-message")).ToHaveTextAsync("Successfully added new two-factor authentication method.");
        await Assertions.Expect(page.Locator("#authenticator-devices")).ToContainTextAsync("Unverified");

        // Log out, then sign in again: the prompt appears.
        await page.Locator(".user-menu summary").ClickAsync();
        await page.Locator(".user-menu").GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        await page.GetByLabel("Email address").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(SampleFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two Factor Authentication" })).ToBeVisibleAsync();

        // Before passing the prompt the elevated page is refused.
        await page.GotoAsync("/Safeguarding");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#error-message")).ToContainTextAsync("restricted to two-factor users");

        // Elevate your access → code → Authenticate → back on the elevated page.
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Elevate your access" }).ClickAsync();
        await page.GetByLabel("Authenticator Code").FillAsync(Rfc6238.Code(secret, factory.Clock.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Authenticate" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Safeguarding records" })).ToBeVisibleAsync();
        Assert.EndsWith("/Safeguarding", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);

        // The device was used to sign in: no longer Unverified.
        await page.GotoAsync("/Settings/SecurityKeys");
        await Assertions.Expect(page.Locator("#authenticator-devices")).Not.ToContainTextAsync("Unverified");
    }

    /// <summary>
    /// A security key through the pages and <c>cpoms-webauthn.js</c>: a CDP virtual authenticator on USB speaking
    /// CTAP2 or U2F (CTAP1), user presence simulated. Register, log out, log in, "Use security key", and the
    /// server's stored signature counter follows the authenticator's. The third case removes the browser's WebAuthn
    /// JSON helpers (<c>parse*OptionsFromJSON</c>, <c>toJSON</c>) so that the script's fallbacks do the encoding.
    /// </summary>
    [Theory]
    [InlineData("ctap2", false)]
    [InlineData("u2f", false)]
    [InlineData("ctap2", true)]
    public async Task SecurityKey_RegisterSignOutSignInWithIt_ElevatesAndTheSignCountGrows(string protocol, bool withoutJsonHelpers)
    {
        var user = factory.CreateUser(UserGroups.SafeguardingLead);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = factory.Start().ToString() });
        if (withoutJsonHelpers)
        {
            await context.AddInitScriptAsync(
                "delete PublicKeyCredential.parseCreationOptionsFromJSON; delete PublicKeyCredential.parseRequestOptionsFromJSON; delete PublicKeyCredential.prototype.toJSON;");
        }

        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        var authenticatorId = await AddVirtualAuthenticatorAsync(cdp, protocol, consenting: true);

        // Sign in with the password, then Manage Devices → Add new device → Security Key → name → Use Security Key.
        await SignInAsync(page, user);
        Assert.Equal(!withoutJsonHelpers, await page.EvaluateAsync<bool>("typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'"));
        await RegisterThroughThePagesAsync(page, "U2F Key");
        await Assertions.Expect(page.Locator("#security-key-devices")).ToContainTextAsync("U2F Key");
        await Assertions.Expect(page.Locator("#security-key-devices")).ToContainTextAsync("Unverified");
        var registeredCount = (await StoredKeyAsync(user.Id)).SignCount;

        // Log out, log in: the prompt offers "Use security key"; the key elevates the session.
        await page.Locator(".user-menu summary").ClickAsync();
        await page.Locator(".user-menu").GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await SignInAsync(page, user, "/Safeguarding");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two Factor Authentication" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Use security key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Safeguarding records" })).ToBeVisibleAsync();

        // The counter: the server stored the authenticator's new count, which is above the one at registration.
        var credentials = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId });
        var credential = Assert.Single(credentials!.Value.GetProperty("credentials").EnumerateArray());
        var authenticatorCount = credential.GetProperty("signCount").GetUInt32();
        var signedInCount = (await StoredKeyAsync(user.Id)).SignCount;
        Assert.True(signedInCount > registeredCount, $"stored count {signedInCount} after sign-in, {registeredCount} after registration");
        Assert.Equal(authenticatorCount, signedInCount);
        await page.GotoAsync("/Settings/SecurityKeys");
        await Assertions.Expect(page.Locator("#security-key-devices")).Not.ToContainTextAsync("Unverified");
    }

    [Fact]
    public async Task SecurityKey_SameKeyAddedAgain_SaysItIsRegisteredAlreadyAndAddsNothing()
    {
        var user = factory.CreateUser(UserGroups.SafeguardingLead);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = factory.Start().ToString() });
        var page = await context.NewPageAsync();
        await AddVirtualAuthenticatorAsync(await context.NewCDPSessionAsync(page), "ctap2", consenting: true);
        await SignInAsync(page, user);
        await RegisterThroughThePagesAsync(page, "U2F Key");
        await page.Locator(".user-menu summary").ClickAsync();
        await page.Locator(".user-menu").GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await SignInAsync(page, user);
        await page.GotoAsync("/Account/TwoFactor?returnUrl=%2FSettings%2FAddSecurityKey");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use security key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use Security Key" })).ToBeVisibleAsync();

        await page.GetByLabel("Name").FillAsync("Same key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use Security Key" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-cpoms-webauthn-status]")).ToHaveTextAsync("This security key is already registered to your account.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use Security Key" })).ToBeEnabledAsync();
        Assert.Single(await factory.Services.GetRequiredService<IDeviceStore>().ListAsync(user.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SecurityKey_BrowserWithoutWebAuthn_SaysWhichBrowsersWorkAndDisablesTheButton()
    {
        var user = factory.CreateUser(UserGroups.SafeguardingLead);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = factory.Start().ToString() });
        await context.AddInitScriptAsync("delete window.PublicKeyCredential;");
        var page = await context.NewPageAsync();
        await SignInAsync(page, user);

        await page.GotoAsync("/Settings/AddSecurityKey");

        await Assertions.Expect(page.Locator("[data-cpoms-webauthn-status]")).ToHaveTextAsync(
            "This browser cannot use security keys. Please use an up-to-date version of Google Chrome, Microsoft Edge, Mozilla Firefox or Opera.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use Security Key" })).ToBeDisabledAsync();
    }

    /// <summary>Signs in with the password from <paramref name="start"/> (which redirects to the login page).</summary>
    private static async Task SignInAsync(IPage page, DemoUser user, string start = "/")
    {
        await page.GotoAsync(start);
        await page.GetByLabel("Email address").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(SampleFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Email address")).Not.ToBeVisibleAsync();
    }

    /// <summary>Manage Devices → Add new device → Security Key → name → Use Security Key → the confirmation → Continue.</summary>
    private static async Task RegisterThroughThePagesAsync(IPage page, string name)
    {
        await page.Locator(".user-menu summary").ClickAsync();
        await page.Locator(".user-menu").GetByRole(AriaRole.Link, new() { Name = "Manage Devices" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add new device" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Security Key" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use Security Key" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status-message")).ToHaveTextAsync("Your security key has been registered.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
    }

    /// <summary>A CDP virtual authenticator on USB without resident keys or user verification; returns its id.</summary>
    private static async Task<string> AddVirtualAuthenticatorAsync(ICDPSession cdp, string protocol, bool consenting)
    {
        await cdp.SendAsync("WebAuthn.enable");
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = protocol,
                ["transport"] = "usb",
                ["hasResidentKey"] = false,
                ["hasUserVerification"] = false,
                ["isUserConsenting"] = consenting,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return added!.Value.GetProperty("authenticatorId").GetString()!;
    }

    private async Task<SecurityKeyData> StoredKeyAsync(string userId)
    {
        var devices = await factory.Services.GetRequiredService<IDeviceStore>().ListAsync(userId, TestContext.Current.CancellationToken);
        return Assert.Single(devices, d => d.Kind == DeviceKind.SecurityKey).SecurityKey!;
    }

    /// <summary>Debian's Chromium, headless, with the settings every browser test here uses; skips when it is missing.</summary>
    private static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Externals.Require(File.Exists(Chromium), $"{Chromium} not found: install it with 'apt-get install chromium'");
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }
}
