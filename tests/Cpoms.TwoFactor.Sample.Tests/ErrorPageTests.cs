using System.Net;
using Cpoms.TwoFactor.Sample.Tests.Infrastructure;

namespace Cpoms.TwoFactor.Sample.Tests;

public sealed class ErrorPageTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    [Fact]
    public async Task UnknownPage_Shows404Page()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);

        var page = await browser.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Page not found", page.Heading);
    }

    [Fact]
    public async Task Login_TamperedAntiforgeryToken_Shows400PageAndStaysSignedOut()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();
        var login = await browser.GetAsync("/Account/Login");

        var page = await browser.SubmitAsync(login.Form("main form"), new Dictionary<string, string?>
        {
            ["Email"] = user.Email,
            ["Password"] = SampleFactory.Password,
            ["__RequestVerificationToken"] = "x",
        });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("/Account/Login", (await browser.GetAsync("/")).Path);
    }

    [Fact]
    public async Task Pages_SendSecurityHeaders()
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.Client.GetAsync(new Uri("/Account/Login", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
