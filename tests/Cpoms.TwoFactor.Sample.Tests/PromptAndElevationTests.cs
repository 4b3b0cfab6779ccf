using System.Net;
using Cpoms.TwoFactor.Sample.Tests.Infrastructure;
using Cpoms.TwoFactor.Sample.Tests.Pages;
using Cpoms.TwoFactor.Sample.Users;

namespace Cpoms.TwoFactor.Sample.Tests;

public sealed class PromptAndElevationTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    private async Task<(SampleBrowser Browser, DemoUser User, byte[] Secret)> EnrolledAsync(string group = UserGroups.SafeguardingLead)
    {
        var user = factory.CreateUser(group);
        var (browser, secret, _) = await Flows.SignInAndEnrollAsync(factory, user);
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        return (browser, user, secret);
    }

    [Fact]
    public async Task SignIn_UserWithDevice_ShowsTheTwoFactorPrompt()
    {
        var (browser, user, _) = await EnrolledAsync();
        using var _browser = browser;

        var prompt = new TwoFactorPromptPage(browser, await Flows.SignInAsync(browser, user));

        Assert.True(prompt.IsShown);
        Assert.Equal("Authenticator Code", prompt.CodeLabel);
        Assert.Equal("Authenticate", prompt.ButtonText);
    }

    [Fact]
    public async Task Prompt_ValidCode_ElevatesTheSession()
    {
        var (browser, user, secret) = await EnrolledAsync();
        using var _browser = browser;
        var prompt = new TwoFactorPromptPage(browser, await Flows.SignInAsync(browser, user));

        var now = factory.Clock.GetUtcNow();

        var home = await prompt.AuthenticateAsync(Rfc6238.Code(secret, now));

        Assert.Equal("/", home.Path);
        Assert.StartsWith("Elevated at " + now.ToString("dd MMMM, yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            home.Document.QuerySelector("#elevation-status")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ElevatedPage_PasswordOnlySession_IsDeniedWithElevateLink()
    {
        var (browser, user, _) = await EnrolledAsync();
        using var _browser = browser;
        await Flows.SignInAsync(browser, user);

        var page = await browser.GetAsync("/Safeguarding");

        Assert.Equal("/Account/AccessDenied", page.Path);
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("restricted to two-factor users", page.MainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ElevatedPage_AfterPassingThePrompt_Opens()
    {
        var (browser, user, secret) = await EnrolledAsync();
        using var _browser = browser;
        await Flows.SignInAndElevateAsync(browser, user, secret);

        var page = await browser.GetAsync("/Safeguarding");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Safeguarding records", page.Heading);
    }

    [Fact]
    public async Task ElevatedPage_ElevatedUserWithoutGroupPermission_IsDenied()
    {
        var (browser, user, secret) = await EnrolledAsync(UserGroups.Staff);
        using var _browser = browser;
        await Flows.SignInAndElevateAsync(browser, user, secret);

        var page = await browser.GetAsync("/Safeguarding");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("Your user group does not have permission", page.MainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompt_WrongCode_ShowsMessageAndStaysUnelevated()
    {
        var (browser, user, secret) = await EnrolledAsync();
        using var _browser = browser;
        var prompt = new TwoFactorPromptPage(browser, await Flows.SignInAsync(browser, user));

        var page = await prompt.AuthenticateAsync(Rfc6238.Other(Rfc6238.Code(secret, factory.Clock.GetUtcNow())));

        Assert.Equal("Incorrect or out of date code", page.ErrorMessage);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Safeguarding")).Status);
    }

    [Fact]
    public async Task Prompt_ReplayedCode_ShowsMessageAndStaysUnelevated()
    {
        var (browser, user, secret) = await EnrolledAsync();
        using var _browser = browser;
        var code = Rfc6238.Code(secret, factory.Clock.GetUtcNow());
        await new TwoFactorPromptPage(browser, await Flows.SignInAsync(browser, user)).AuthenticateAsync(code);
        await Flows.SignOutAsync(browser);

        var page = await new TwoFactorPromptPage(browser, await Flows.SignInAsync(browser, user)).AuthenticateAsync(code);

        Assert.Equal("This code has already been used. Wait for the next code on your device and enter that one.", page.ErrorMessage);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Safeguarding")).Status);
    }

    [Fact]
    public async Task Prompt_EnrollmentCodeInTheSameTimeStep_IsAReplay()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);
        var qr = await (await SecurityKeysTab.OpenAsync(browser)).AddNewDeviceAsync();
        var code = Rfc6238.Code(qr.Secret, factory.Clock.GetUtcNow());
        await qr.SaveAsync("My Phone", code);

        var page = await new TwoFactorPromptPage(browser, await Flows.SignInAsync(browser, user)).AuthenticateAsync(code);

        Assert.Equal("This code has already been used. Wait for the next code on your device and enter that one.", page.ErrorMessage);
    }

    [Fact]
    public async Task Prompt_TamperedAntiforgeryToken_Returns400PageAndStaysUnelevated()
    {
        var (browser, user, secret) = await EnrolledAsync();
        using var _browser = browser;
        var prompt = new TwoFactorPromptPage(browser, await Flows.SignInAsync(browser, user));

        var page = await prompt.AuthenticateAsync(Rfc6238.Code(secret, factory.Clock.GetUtcNow()),
            new Dictionary<string, string?> { ["__RequestVerificationToken"] = null });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Request not accepted", page.Heading);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Safeguarding")).Status);
    }

    [Fact]
    public async Task FirstUseAtSignIn_DeviceIsVerifiedWithLastUsedTime()
    {
        var (browser, user, secret) = await EnrolledAsync();
        using var _browser = browser;
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 9, 9, 36, 0, TimeSpan.Zero));
        await Flows.SignInAndElevateAsync(browser, user, secret);

        var row = Assert.Single((await SecurityKeysTab.OpenAsync(browser)).AuthenticatorApps);

        // Signed in at 09:36:30 UTC (the sign-in step moves the clock on 30 s); the guide's format drops the seconds.
        Assert.False(row.Unverified);
        Assert.Equal("09 March, 2026 09:36", row.LastUsed);
    }

    [Fact]
    public async Task UserMenu_PasswordOnly_OffersElevateYourAccess()
    {
        var (browser, user, _) = await EnrolledAsync();
        using var _browser = browser;
        await Flows.SignInAsync(browser, user);

        var links = (await browser.GetAsync("/")).Document.QuerySelectorAll(".user-menu a").Select(a => a.TextContent.Trim()).ToArray();

        Assert.Equal(["Manage Devices", "Elevate your access", "Account Settings"], links);
    }

    [Fact]
    public async Task UserMenu_Elevated_HidesElevateYourAccess()
    {
        var (browser, user, secret) = await EnrolledAsync();
        using var _browser = browser;
        await Flows.SignInAndElevateAsync(browser, user, secret);

        var links = (await browser.GetAsync("/")).Document.QuerySelectorAll(".user-menu a").Select(a => a.TextContent.Trim()).ToArray();

        Assert.Equal(["Manage Devices", "Account Settings"], links);
    }

    [Fact]
    public async Task ElevateYourAccess_MidSession_ReturnsToTheDeniedPage()
    {
        var (browser, user, secret) = await EnrolledAsync();
        using var _browser = browser;
        await Flows.SignInAsync(browser, user);
        var prompt = new TwoFactorPromptPage(browser, await browser.GetAsync("/Account/TwoFactor?returnUrl=%2FSafeguarding"));

        var page = await prompt.AuthenticateAsync(Rfc6238.Code(secret, factory.Clock.GetUtcNow()));

        Assert.Equal("/Safeguarding", page.Path);
    }

    [Fact]
    public async Task Prompt_ExternalReturnUrl_GoesHomeInstead()
    {
        var (browser, user, secret) = await EnrolledAsync();
        using var _browser = browser;
        await Flows.SignInAsync(browser, user);
        var prompt = new TwoFactorPromptPage(browser, await browser.GetAsync("/Account/TwoFactor?returnUrl=https%3A%2F%2Fevil.example%2F"));

        var page = await prompt.AuthenticateAsync(Rfc6238.Code(secret, factory.Clock.GetUtcNow()));

        Assert.Equal("/", page.Path);
    }
}
