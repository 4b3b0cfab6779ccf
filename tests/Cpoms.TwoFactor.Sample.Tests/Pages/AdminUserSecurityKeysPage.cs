using Cpoms.TwoFactor.Sample.Tests.Infrastructure;

namespace Cpoms.TwoFactor.Sample.Tests.Pages;

/// <summary>One row of the admin device table.</summary>
public sealed record AdminDeviceRow(string Name, string Type, string DateRegistered, string LastUsed);

/// <summary>Page object of Admin → Users → user → Security Keys.</summary>
public sealed class AdminUserSecurityKeysPage(SampleBrowser browser, HtmlPage page)
{
    public HtmlPage Page => page;

    public string? Notice => page.Document.QuerySelector("#reset-notice")?.TextContent;

    public string? ConfirmLabel => page.Document.QuerySelector("label[for=Confirm]")?.TextContent.Trim();

    public string? RemoveButton => page.Document.QuerySelector("main form button[type=submit]")?.TextContent.Trim();

    public IReadOnlyList<AdminDeviceRow> Devices =>
        [.. page.Document.QuerySelectorAll("#user-devices tbody tr").Select(row =>
        {
            var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
            return new AdminDeviceRow(cells[0], cells[1], cells[2], cells[3]);
        })];

    public static async Task<AdminUserSecurityKeysPage> OpenAsync(SampleBrowser browser, string userId) =>
        new(browser, await browser.GetAsync("/Admin/Users/SecurityKeys?id=" + Uri.EscapeDataString(userId)));

    /// <summary>Ticks (or not) the confirmation and presses "Remove this user's 2FA devices".</summary>
    public async Task<AdminUserSecurityKeysPage> RemoveDevicesAsync(bool confirm) =>
        new(browser, await browser.SubmitAsync(page.Form("main form"), new Dictionary<string, string?> { ["Confirm"] = confirm ? "true" : null }));
}
