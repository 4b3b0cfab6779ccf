using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cpoms.TwoFactor.Sample.Tests.Infrastructure;

namespace Cpoms.TwoFactor.Sample.Tests.Pages;

/// <summary>Page object of the "Two Factor Authentication" prompt.</summary>
public sealed class TwoFactorPromptPage(SampleBrowser browser, HtmlPage page)
{
    public HtmlPage Page => page;

    public bool IsShown => page.Path == "/Account/TwoFactor" && page.Heading == "Two Factor Authentication";

    public string? CodeLabel => page.Document.QuerySelector("label[for=Code]")?.TextContent.Trim();

    public string? HelpText => page.Document.QuerySelector("#code-help")?.TextContent.Trim();

    public string? ButtonText => page.Document.QuerySelector("main form button[type=submit]")?.TextContent.Trim();

    public static async Task<TwoFactorPromptPage> OpenAsync(SampleBrowser browser) =>
        new(browser, await browser.GetAsync("/Account/TwoFactor"));

    /// <summary>Types <paramref name="code"/> and presses "Authenticate".</summary>
    public Task<HtmlPage> AuthenticateAsync(string code, IReadOnlyDictionary<string, string?>? tamper = null)
    {
        var values = new Dictionary<string, string?> { ["Code"] = code };
        foreach (var (key, value) in tamper ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return browser.SubmitAsync(page.Document.QuerySelector<IHtmlFormElement>("main form")!, values);
    }
}
