using Cpoms.TwoFactor.Sample.Tests.Infrastructure;
using Cpoms.TwoFactor.Sample.Users;
using Cpoms.TwoFactor.Testing;
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
        Externals.Require(File.Exists(Chromium), $"{Chromium} not found: install it with 'apt-get install chromium'");
        var baseUrl = factory.Start();
        var user = factory.CreateUser(UserGroups.SafeguardingLead);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString() });
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
}
