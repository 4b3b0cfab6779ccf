using AngleSharp.Dom;
using System.Net;
using Cpoms.TwoFactor.Sample.Tests.Infrastructure;
using Cpoms.TwoFactor.Sample.Tests.Pages;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Sample.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.Sample.Tests;

public sealed class EnrollmentTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    [Fact]
    public async Task Login_WrongPassword_ShowsMessageAndStaysSignedOut()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();

        var page = await (await LoginPage.OpenAsync(browser)).SignInAsync(user.Email, "wrong password");

        Assert.Equal("The email address or password is incorrect.", page.ErrorMessage);
        Assert.Equal("/Account/Login", (await browser.GetAsync("/")).Path);
    }

    [Fact]
    public async Task Login_UserWithoutDevices_GoesHomeWithBasicAccess()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();

        var page = await Flows.SignInAsync(browser, user);

        Assert.Equal("/", page.Path);
        Assert.Contains("Basic access (password only)", page.Document.QuerySelector("#elevation-status")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecurityKeysTab_NoDevices_SaysSoAndOffersAddNewDevice()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);

        var tab = await SecurityKeysTab.OpenAsync(browser);

        Assert.True(tab.SaysNoAuthenticatorApps);
        Assert.True(tab.HasAddNewDevice);
    }

    [Fact]
    public async Task AddNewDevice_ShowsQrCodeAndManualKey()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);

        var qr = await (await SecurityKeysTab.OpenAsync(browser)).AddNewDeviceAsync();

        Assert.True(qr.ShowsQrCode);
        Assert.Equal(20, qr.Secret.Length);
    }

    [Fact]
    public async Task SaveThisDevice_CodeComputedFromSecret_ListsDeviceUnverifiedWithNoLastUse()
    {
        var user = factory.CreateUser();
        var (browser, _, tab) = await Flows.SignInAndEnrollAsync(factory, user, "iPhone XR");
        using var _browser = browser;

        var row = Assert.Single(tab.AuthenticatorApps);
        Assert.Equal(new DeviceRow("iPhone XR", true, "05 January, 2026", "N/A"), row);
    }

    [Fact]
    public async Task SaveThisDevice_WrongCode_ShowsMessageAndAddsNothing()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);
        var qr = await (await SecurityKeysTab.OpenAsync(browser)).AddNewDeviceAsync();
        var wrong = Rfc6238.Other(Rfc6238.Code(qr.Secret, factory.Clock.GetUtcNow()));

        var result = await qr.SaveAsync("My Phone", wrong);

        Assert.Equal("Incorrect or out of date code", result.Page.ErrorMessage);
        Assert.True((await SecurityKeysTab.OpenAsync(browser)).SaysNoAuthenticatorApps);
    }

    [Fact]
    public async Task SaveThisDevice_WrongCode_ShowsTheSameQrCodeAgain()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);
        var qr = await (await SecurityKeysTab.OpenAsync(browser)).AddNewDeviceAsync();

        var result = await qr.SaveAsync("My Phone", Rfc6238.Other(Rfc6238.Code(qr.Secret, factory.Clock.GetUtcNow())));

        Assert.Equal(qr.ManualEntryKey, result.ManualEntryKey);
    }

    [Fact]
    public async Task SaveThisDevice_WrongCode_KeepsTheNameAndClearsTheCode()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);
        var qr = await (await SecurityKeysTab.OpenAsync(browser)).AddNewDeviceAsync();

        var result = await qr.SaveAsync("My Phone", Rfc6238.Other(Rfc6238.Code(qr.Secret, factory.Clock.GetUtcNow())));

        var name = result.Page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Name")!.Value;
        var code = result.Page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Code")!.Value;
        Assert.Equal(("My Phone", ""), (name, code));
    }

    [Fact]
    public async Task SaveThisDevice_MissingName_ShowsMessageAndAddsNothing()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);
        var qr = await (await SecurityKeysTab.OpenAsync(browser)).AddNewDeviceAsync();

        var result = await qr.SaveAsync("  ", Rfc6238.Code(qr.Secret, factory.Clock.GetUtcNow()));

        Assert.Equal("Choose a name for the device.", result.Page.ErrorMessage);
        Assert.True((await SecurityKeysTab.OpenAsync(browser)).SaysNoAuthenticatorApps);
    }

    [Fact]
    public async Task SaveThisDevice_TamperedAntiforgeryToken_Returns400PageAndAddsNothing()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);
        var qr = await (await SecurityKeysTab.OpenAsync(browser)).AddNewDeviceAsync();

        var result = await qr.SaveAsync("My Phone", Rfc6238.Code(qr.Secret, factory.Clock.GetUtcNow()),
            new Dictionary<string, string?> { ["__RequestVerificationToken"] = "tampered" });

        Assert.Equal(HttpStatusCode.BadRequest, result.Page.Status);
        Assert.Contains("security token was missing or invalid. Nothing was changed.", result.Page.ErrorMessage, StringComparison.Ordinal);
        Assert.True((await SecurityKeysTab.OpenAsync(browser)).SaysNoAuthenticatorApps);
    }

    [Fact]
    public async Task SaveThisDevice_TamperedEnrollmentId_ShowsExpiredMessageAndAddsNothing()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);
        var qr = await (await SecurityKeysTab.OpenAsync(browser)).AddNewDeviceAsync();

        var result = await qr.SaveAsync("My Phone", Rfc6238.Code(qr.Secret, factory.Clock.GetUtcNow()),
            new Dictionary<string, string?> { ["enrollment"] = "not-an-enrollment" });

        Assert.Equal("This request has expired or was already used. Please start again.", result.Page.ErrorMessage);
        Assert.True((await SecurityKeysTab.OpenAsync(browser)).SaysNoAuthenticatorApps);
    }

    [Fact]
    public async Task SaveThisDevice_SameEnrollmentTwice_AddsOneDevice()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);
        var qr = await (await SecurityKeysTab.OpenAsync(browser)).AddNewDeviceAsync();
        var code = Rfc6238.Code(qr.Secret, factory.Clock.GetUtcNow());
        await qr.SaveAsync("My Phone", code);

        var again = await qr.SaveAsync("My Phone", code);

        Assert.NotNull(again.Page.ErrorMessage);
        Assert.Single((await SecurityKeysTab.OpenAsync(browser)).AuthenticatorApps);
    }

    [Fact]
    public async Task AddNewDevice_UserWithDeviceNotElevated_IsNotOffered()
    {
        var user = factory.CreateUser();
        var (browser, _, _) = await Flows.SignInAndEnrollAsync(factory, user);
        using var _browser = browser;
        await Flows.SignInAsync(browser, user);

        var tab = await SecurityKeysTab.OpenAsync(browser);

        Assert.False(tab.HasAddNewDevice);
        Assert.NotNull(tab.Page.Document.QuerySelector("#enrollment-gated"));
    }

    [Fact]
    public async Task AddNewDevice_PostedWhileNotElevated_IsRefusedWithMessage()
    {
        var user = factory.CreateUser();
        var (browser, _, _) = await Flows.SignInAndEnrollAsync(factory, user);
        using var _browser = browser;
        await Flows.SignInAsync(browser, user);
        var tab = await SecurityKeysTab.OpenAsync(browser);
        var anyForm = tab.Page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>(".user-menu form")!;
        anyForm.SetAttribute("action", "/Settings/SecurityKeys?handler=Begin");

        var result = await browser.SubmitAsync(anyForm);

        Assert.Equal("Elevate your access with an existing device before adding another one.", result.ErrorMessage);
    }

    [Fact]
    public async Task AddSecondDevice_WhileElevated_KeepsTheSessionElevated()
    {
        var user = factory.CreateUser(UserGroups.SafeguardingLead);
        var (browser, secret, _) = await Flows.SignInAndEnrollAsync(factory, user);
        using var _browser = browser;
        await Flows.SignInAndElevateAsync(browser, user, secret);

        await Flows.EnrollAsync(browser, "Tablet");

        var records = await browser.GetAsync("/Safeguarding");
        Assert.Equal("/Safeguarding", records.Path);
        Assert.Equal(HttpStatusCode.OK, records.Status);
    }

    [Fact]
    public async Task SecurityLog_AfterEnrollmentAndElevation_ListsTheEvents()
    {
        var user = factory.CreateUser();
        var (browser, secret, _) = await Flows.SignInAndEnrollAsync(factory, user);
        using var _browser = browser;
        await Flows.SignInAndElevateAsync(browser, user, secret);

        var log = await browser.GetAsync("/Settings/SecurityLog");
        var events = log.Document.QuerySelectorAll("#security-log tbody tr td:nth-child(2)").Select(c => c.TextContent.Trim()).Order(StringComparer.Ordinal).ToArray();

        // Events of one request share a time stamp, so only the set is fixed, not the order within it.
        Assert.Equal(["Device added", "Factor succeeded", "Session elevated"], events);
    }

    [Fact]
    public async Task SecurityKeysTab_UserWithASecurityKey_ListsItUnderUsbSecurityKeys()
    {
        var user = factory.CreateUser();
        using (var scope = factory.Services.CreateScope())
        {
            var devices = scope.ServiceProvider.GetRequiredService<DeviceManager>();
            var added = await devices.AddAsync(new Device
            {
                Id = DeviceIds.Create(),
                UserId = user.Id,
                Kind = DeviceKind.SecurityKey,
                Name = "U2F Key",
                RegisteredAt = factory.Clock.GetUtcNow(),
                SecurityKey = new SecurityKeyData { CredentialId = Guid.NewGuid().ToByteArray(), PublicKey = [1], Algorithm = -7, UserHandle = [2] },
            }, TestContext.Current.CancellationToken);
            Assert.True(added.Succeeded);
        }

        using var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);
        var tab = await SecurityKeysTab.OpenAsync(browser);

        var cells = tab.Page.Document.QuerySelectorAll("#security-key-devices tbody td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["U2F Key Unverified", "05 January, 2026", "N/A"], cells.Select(c => string.Join(' ', c.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))));
    }
}
