using System.Net;
using Cpoms.TwoFactor.Sample.Tests.Infrastructure;
using Cpoms.TwoFactor.Sample.Tests.Pages;
using Cpoms.TwoFactor.Sample.Users;

namespace Cpoms.TwoFactor.Sample.Tests;

public sealed class AdminTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    private async Task<(SampleBrowser Browser, DemoUser User, byte[] Secret)> ElevatedAsync(string group)
    {
        var user = factory.CreateUser(group);
        var (browser, secret, _) = await Flows.SignInAndEnrollAsync(factory, user);
        await Flows.SignInAndElevateAsync(browser, user, secret);
        return (browser, user, secret);
    }

    [Fact]
    public async Task SecurityKeysPage_ElevatedAdmin_ShowsNoticeCheckboxAndDeviceTable()
    {
        var (target, targetUser, _) = await ElevatedAsync(UserGroups.Staff);
        using var _target = target;
        var (admin, _, _) = await ElevatedAsync(UserGroups.AdminKeyHolder);
        using var _admin = admin;

        var page = await AdminUserSecurityKeysPage.OpenAsync(admin, targetUser.Id);

        Assert.Contains($"In the case that {targetUser.DisplayName} loses or no longer has access", page.Notice, StringComparison.Ordinal);
        Assert.Equal("I confirm that I have read and understand this notice.", page.ConfirmLabel);
        Assert.Equal("Remove this user's 2FA devices", page.RemoveButton);
        var row = Assert.Single(page.Devices);
        Assert.Equal(("My Phone", "TOTP", "05 January, 2026"), (row.Name, row.Type, row.DateRegistered));
    }

    [Fact]
    public async Task RemoveDevices_Confirmed_RemovesDevicesAndDropsTheUsersElevation()
    {
        var (target, targetUser, _) = await ElevatedAsync(UserGroups.SafeguardingLead);
        using var _target = target;
        Assert.Equal(HttpStatusCode.OK, (await target.GetAsync("/Safeguarding")).Status);
        var (admin, _, _) = await ElevatedAsync(UserGroups.AdminKeyHolder);
        using var _admin = admin;

        var result = await (await AdminUserSecurityKeysPage.OpenAsync(admin, targetUser.Id)).RemoveDevicesAsync(confirm: true);

        Assert.StartsWith("Removed 1 two-factor authentication device(s)", result.Page.StatusMessage, StringComparison.Ordinal);
        Assert.Empty(result.Devices);
        Assert.Equal(HttpStatusCode.Forbidden, (await target.GetAsync("/Safeguarding")).Status);
        Assert.True((await SecurityKeysTab.OpenAsync(target)).SaysNoAuthenticatorApps);
    }

    [Fact]
    public async Task RemoveDevices_UsersNextRequest_DropsElevationFromTheCookieAndLogsIt()
    {
        var (target, targetUser, _) = await ElevatedAsync(UserGroups.Staff);
        using var _target = target;
        var (admin, _, _) = await ElevatedAsync(UserGroups.AdminKeyHolder);
        using var _admin = admin;
        await (await AdminUserSecurityKeysPage.OpenAsync(admin, targetUser.Id)).RemoveDevicesAsync(confirm: true);

        var home = await target.GetAsync("/");
        var log = await target.GetAsync("/Settings/SecurityLog");

        Assert.Contains("Basic access (password only)", home.Document.QuerySelector("#elevation-status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(log.Document.QuerySelectorAll("#security-log tbody tr td:nth-child(2)"), c => c.TextContent.Trim() == "Elevation revoked");
    }

    [Fact]
    public async Task RemoveDevices_AfterReset_UserCanEnrollAgainAtNextLogin()
    {
        var (target, targetUser, _) = await ElevatedAsync(UserGroups.Staff);
        using var _target = target;
        var (admin, _, _) = await ElevatedAsync(UserGroups.AdminKeyHolder);
        using var _admin = admin;
        await (await AdminUserSecurityKeysPage.OpenAsync(admin, targetUser.Id)).RemoveDevicesAsync(confirm: true);

        var landing = await Flows.SignInAsync(target, targetUser);

        Assert.Equal("/", landing.Path);
        Assert.True((await SecurityKeysTab.OpenAsync(target)).HasAddNewDevice);
    }

    [Fact]
    public async Task RemoveDevices_NotConfirmed_ShowsMessageAndRemovesNothing()
    {
        var (target, targetUser, _) = await ElevatedAsync(UserGroups.Staff);
        using var _target = target;
        var (admin, _, _) = await ElevatedAsync(UserGroups.AdminKeyHolder);
        using var _admin = admin;

        var result = await (await AdminUserSecurityKeysPage.OpenAsync(admin, targetUser.Id)).RemoveDevicesAsync(confirm: false);

        Assert.Equal("Tick \"I confirm that I have read and understand this notice\" to remove the devices. Nothing was changed.", result.Page.ErrorMessage);
        Assert.Single((await AdminUserSecurityKeysPage.OpenAsync(admin, targetUser.Id)).Devices);
    }

    [Fact]
    public async Task RemoveDevices_TamperedAntiforgeryToken_Returns400AndRemovesNothing()
    {
        var (target, targetUser, _) = await ElevatedAsync(UserGroups.Staff);
        using var _target = target;
        var (admin, _, _) = await ElevatedAsync(UserGroups.AdminKeyHolder);
        using var _admin = admin;
        var page = await AdminUserSecurityKeysPage.OpenAsync(admin, targetUser.Id);

        var result = await admin.SubmitAsync(page.Page.Form("main form"),
            new Dictionary<string, string?> { ["Confirm"] = "true", ["__RequestVerificationToken"] = "CfDJ8tampered" });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Single((await AdminUserSecurityKeysPage.OpenAsync(admin, targetUser.Id)).Devices);
    }

    [Fact]
    public async Task AdminPage_ElevatedNonAdmin_IsDenied()
    {
        var (target, targetUser, _) = await ElevatedAsync(UserGroups.Staff);
        using var _target = target;
        var (lead, _, _) = await ElevatedAsync(UserGroups.SafeguardingLead);
        using var _lead = lead;

        var page = await AdminUserSecurityKeysPage.OpenAsync(lead, targetUser.Id);

        Assert.Equal(HttpStatusCode.Forbidden, page.Page.Status);
        Assert.Empty(page.Devices);
    }

    [Fact]
    public async Task AdminReset_PostedByElevatedNonAdmin_IsDeniedAndRemovesNothing()
    {
        var (target, targetUser, _) = await ElevatedAsync(UserGroups.Staff);
        using var _target = target;
        var (lead, _, _) = await ElevatedAsync(UserGroups.SafeguardingLead);
        using var _lead = lead;
        var anyForm = (await lead.GetAsync("/")).Form(".user-menu form");
        anyForm.SetAttribute("action", "/Admin/Users/SecurityKeys?id=" + Uri.EscapeDataString(targetUser.Id));

        var result = await lead.SubmitAsync(anyForm, new Dictionary<string, string?> { ["Confirm"] = "true" });

        Assert.Equal(HttpStatusCode.Forbidden, result.Status);
        Assert.Single((await SecurityKeysTab.OpenAsync(target)).AuthenticatorApps);
    }

    [Fact]
    public async Task AdminPage_AdminWithPasswordOnly_IsDenied()
    {
        var admin = factory.CreateUser(UserGroups.AdminKeyHolder);
        using var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, admin);

        var page = await browser.GetAsync("/Admin/Users");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }

    [Fact]
    public async Task AdminPage_AdminElevatedSixteenMinutesAgo_IsDeniedAndAskedToElevateAgain()
    {
        var (admin, _, _) = await ElevatedAsync(UserGroups.AdminKeyHolder);
        using var _admin = admin;
        factory.Clock.Advance(TimeSpan.FromMinutes(16));

        var page = await admin.GetAsync("/Admin/Users");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("Admin actions need an elevation in the last 15 minutes", page.MainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Permissions_SaveDetails_MovesTheUserToTheChosenGroup()
    {
        var (target, targetUser, _) = await ElevatedAsync(UserGroups.Staff);
        using var _target = target;
        Assert.Equal(HttpStatusCode.Forbidden, (await target.GetAsync("/Safeguarding")).Status);
        var (admin, _, _) = await ElevatedAsync(UserGroups.AdminKeyHolder);
        using var _admin = admin;
        var page = await admin.GetAsync("/Admin/Users/Permissions?id=" + Uri.EscapeDataString(targetUser.Id));

        var saved = await admin.SubmitAsync(page.Form("main form"), new Dictionary<string, string?> { ["Group"] = UserGroups.SafeguardingLead });

        Assert.Equal("Details saved.", saved.StatusMessage);
        Assert.Equal(HttpStatusCode.OK, (await target.GetAsync("/Safeguarding")).Status);
    }

    [Fact]
    public async Task Permissions_TamperedGroup_ShowsMessageAndChangesNothing()
    {
        var (target, targetUser, _) = await ElevatedAsync(UserGroups.Staff);
        using var _target = target;
        var (admin, _, _) = await ElevatedAsync(UserGroups.AdminKeyHolder);
        using var _admin = admin;
        var page = await admin.GetAsync("/Admin/Users/Permissions?id=" + Uri.EscapeDataString(targetUser.Id));

        var saved = await admin.SubmitAsync(page.Form("main form"), new Dictionary<string, string?> { ["Group"] = "Superuser" });

        Assert.Equal("Choose one of the listed user groups. Nothing was changed.", saved.ErrorMessage);
        Assert.Equal(HttpStatusCode.Forbidden, (await target.GetAsync("/Safeguarding")).Status);
    }
}
