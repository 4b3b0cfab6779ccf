using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cpoms.TwoFactor.Sample.Tests.Infrastructure;

namespace Cpoms.TwoFactor.Sample.Tests.Pages;

/// <summary>One row of a device table.</summary>
public sealed record DeviceRow(string Name, bool Unverified, string Registered, string LastUsed);

/// <summary>Page object of Account Settings → Security keys.</summary>
public sealed class SecurityKeysTab(SampleBrowser browser, HtmlPage page)
{
    public HtmlPage Page => page;

    public string? ManualEntryKey => page.Document.QuerySelector("#manual-entry-key")?.TextContent.Trim();

    public bool ShowsQrCode => page.Document.QuerySelector(".cpoms-qr-code svg[role=img]") is not null;

    public bool HasAddNewDevice => AddForm is not null;

    public bool SaysNoAuthenticatorApps => page.Document.QuerySelector("#no-authenticator-apps") is not null;

    public IReadOnlyList<DeviceRow> AuthenticatorApps =>
        [.. page.Document.QuerySelectorAll("#authenticator-devices tbody tr").Select(row =>
        {
            var cells = row.QuerySelectorAll("td").ToArray();
            var badge = cells[0].QuerySelector(".badge");
            var name = cells[0].TextContent.Replace(badge?.TextContent ?? "\0", "", StringComparison.Ordinal).Trim();
            return new DeviceRow(name, badge?.TextContent.Trim() == "Unverified", cells[1].TextContent.Trim(), cells[2].TextContent.Trim());
        })];

    public IReadOnlyList<DeviceRow> SecurityKeys =>
        [.. page.Document.QuerySelectorAll("#security-key-devices tbody tr").Select(row =>
        {
            var cells = row.QuerySelectorAll("td").ToArray();
            var badge = cells[0].QuerySelector(".badge");
            var name = cells[0].TextContent.Replace(badge?.TextContent ?? "\0", "", StringComparison.Ordinal).Trim();
            return new DeviceRow(name, badge?.TextContent.Trim() == "Unverified", cells[1].TextContent.Trim(), cells[2].TextContent.Trim());
        })];

    private IHtmlFormElement? AddForm =>
        page.Document.QuerySelectorAll<IHtmlFormElement>("main form").FirstOrDefault(f => f.GetAttribute("action") == "/Settings/AddDevice");

    private IHtmlFormElement SaveForm =>
        page.Document.QuerySelectorAll<IHtmlFormElement>("main form").First(f => (f.GetAttribute("action") ?? "").Contains("handler=Save", StringComparison.Ordinal));

    public static async Task<SecurityKeysTab> OpenAsync(SampleBrowser browser) =>
        new(browser, await browser.GetAsync("/Settings/SecurityKeys"));

    /// <summary>Presses "Add new device", then "Authenticator app".</summary>
    public async Task<SecurityKeysTab> AddNewDeviceAsync()
    {
        var choice = await ChooseMethodAsync();
        var app = choice.Document.QuerySelectorAll<IHtmlFormElement>("main form")
            .FirstOrDefault(f => (f.GetAttribute("action") ?? "").Contains("handler=Begin", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("No 'Authenticator app' button on " + choice.Url + ": " + choice.MainText);
        return new(browser, await browser.SubmitAsync(app));
    }

    /// <summary>Presses "Add new device" (a GET form): the page to choose the method.</summary>
    public Task<HtmlPage> ChooseMethodAsync() =>
        browser.GetAsync((AddForm ?? throw new InvalidOperationException("No 'Add new device' button.")).GetAttribute("action")!);

    /// <summary>The shared secret from the manual-entry key shown under the QR code.</summary>
    public byte[] Secret => Rfc6238.Base32Decode(ManualEntryKey ?? throw new InvalidOperationException("No manual entry key shown on " + page.Url + " " + page.Status + ": " + page.MainText));

    /// <summary>Types a name and code and presses "Save this device".</summary>
    public async Task<SecurityKeysTab> SaveAsync(string? name, string? code, IReadOnlyDictionary<string, string?>? tamper = null)
    {
        var values = new Dictionary<string, string?> { ["Name"] = name, ["Code"] = code };
        foreach (var (key, value) in tamper ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return new(browser, await browser.SubmitAsync(SaveForm, values));
    }
}
