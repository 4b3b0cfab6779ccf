using Cpoms.TwoFactor.Sample.Tests.Infrastructure;

namespace Cpoms.TwoFactor.Sample.Tests.Pages;

/// <summary>Page object of /Account/Login.</summary>
public sealed class LoginPage(SampleBrowser browser, HtmlPage page)
{
    public HtmlPage Page => page;

    public static async Task<LoginPage> OpenAsync(SampleBrowser browser) =>
        new(browser, await browser.GetAsync("/Account/Login"));

    /// <summary>Types the e-mail address and password and presses "Log in"; returns where the site went.</summary>
    public Task<HtmlPage> SignInAsync(string email, string password) =>
        browser.SubmitAsync(page.Form("main form"), new Dictionary<string, string?> { ["Email"] = email, ["Password"] = password });
}
