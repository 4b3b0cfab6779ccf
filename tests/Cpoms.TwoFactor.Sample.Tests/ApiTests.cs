using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cpoms.TwoFactor.AspNetCore;
using Cpoms.TwoFactor.Sample.Tests.Infrastructure;
using Cpoms.TwoFactor.Sample.Tests.Pages;
using Cpoms.TwoFactor.Sample.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.Sample.Tests;

/// <summary>The SDK's JSON endpoints as the sample maps them (<c>app.MapCpomsTwoFactor()</c>).</summary>
public sealed class ApiTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    private async Task<(SampleBrowser Browser, DemoUser User, byte[] Secret, string Token)> SignedInWithDeviceAsync()
    {
        var user = factory.CreateUser(UserGroups.SafeguardingLead);
        var (browser, secret, _) = await Flows.SignInAndEnrollAsync(factory, user);
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var prompt = await Flows.SignInAsync(browser, user);
        var token = prompt.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return (browser, user, secret, token);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> VerifyAsync(SampleBrowser browser, string? token, string body)
    {
        var (status, json, _) = await VerifyWithHeadersAsync(browser, token, body);
        return (status, json);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? RetryAfter)> VerifyWithHeadersAsync(SampleBrowser browser, string? token, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cpoms-2fa/authenticator/verify")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        using var response = await browser.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return (response.StatusCode, json, response.Headers.RetryAfter?.ToString());
    }

    [Fact]
    public async Task Session_Anonymous_Is401ProblemWithCode()
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.Client.GetAsync(new Uri("/cpoms-2fa/session", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("aspnetcore.not_signed_in", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Session_PasswordOnly_IsNotElevated()
    {
        var (browser, _, _, _) = await SignedInWithDeviceAsync();
        using var _browser = browser;

        var body = await browser.Client.GetFromJsonAsync<JsonElement>(new Uri("/cpoms-2fa/session", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("NotElevated", body.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Devices_SignedIn_ListsOwnDevicesWithoutSecrets()
    {
        var (browser, _, _, _) = await SignedInWithDeviceAsync();
        using var _browser = browser;

        var json = await browser.Client.GetStringAsync(new Uri("/cpoms-2fa/devices", UriKind.Relative), TestContext.Current.CancellationToken);
        var device = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray());

        Assert.Equal("My Phone", device.GetProperty("name").GetString());
        Assert.False(device.GetProperty("verified").GetBoolean());
        Assert.DoesNotContain("ecret", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WithoutAntiforgeryToken_Is400ProblemAndStaysUnelevated()
    {
        var (browser, _, secret, _) = await SignedInWithDeviceAsync();
        using var _browser = browser;

        var (status, body) = await VerifyAsync(browser, null, $$"""{"code":"{{Rfc6238.Code(secret, factory.Clock.GetUtcNow())}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("aspnetcore.antiforgery", body.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Safeguarding")).Status);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"code":123456}""")]
    [InlineData("""{"code":"1","code":"2","x":[[[[[[[[[[]]]]]]]]]]}""")]
    public async Task Verify_MalformedBody_Is400InvalidRequest(string json)
    {
        var (browser, _, _, token) = await SignedInWithDeviceAsync();
        using var _browser = browser;

        var (status, body) = await VerifyAsync(browser, token, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("aspnetcore.invalid_request", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Verify_WrongCode_Is400WithTotpCode()
    {
        var (browser, _, secret, token) = await SignedInWithDeviceAsync();
        using var _browser = browser;

        var (status, body) = await VerifyAsync(browser, token, $$"""{"code":"{{Rfc6238.Other(Rfc6238.Code(secret, factory.Clock.GetUtcNow()))}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("totp.invalid_code", body.GetProperty("code").GetString());
        Assert.Equal("Incorrect or out of date code", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Verify_RightCode_ElevatesTheCookieSession()
    {
        var (browser, _, secret, token) = await SignedInWithDeviceAsync();
        using var _browser = browser;

        var (status, body) = await VerifyAsync(browser, token, $$"""{"code":"{{Rfc6238.Code(secret, factory.Clock.GetUtcNow())}}"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("elevated").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Safeguarding")).Status);
    }

    [Fact]
    public async Task Verify_ManyWrongCodes_Is429WithRetryAfter()
    {
        var (browser, _, secret, token) = await SignedInWithDeviceAsync();
        using var _browser = browser;
        var wrong = $$"""{"code":"{{Rfc6238.Other(Rfc6238.Code(secret, factory.Clock.GetUtcNow()))}}"}""";
        for (var i = 0; i < 4; i++)
        {
            await VerifyAsync(browser, token, wrong);
        }

        var (status, body, retryAfter) = await VerifyWithHeadersAsync(browser, token, wrong);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("core.throttled", body.GetProperty("code").GetString());
        Assert.True(int.TryParse(retryAfter, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0, $"Retry-After was '{retryAfter}'.");
    }
}

/// <summary>A sample whose two-factor rate limit is 3 requests a minute.</summary>
public sealed class LowRateLimitSampleFactory : SampleFactory
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<TwoFactorWebOptions>(o => o.RateLimitPermits = 3);
}

public sealed class RateLimitTests(LowRateLimitSampleFactory factory) : IClassFixture<LowRateLimitSampleFactory>
{
    [Fact]
    public async Task Api_OverTheRateLimit_Is429ProblemWithCode()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);
        for (var i = 0; i < 3; i++)
        {
            (await browser.Client.GetAsync(new Uri("/cpoms-2fa/session", UriKind.Relative), TestContext.Current.CancellationToken)).Dispose();
        }

        using var response = await browser.Client.GetAsync(new Uri("/cpoms-2fa/session", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("aspnetcore.rate_limited", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Page_OverTheRateLimit_Shows429Page()
    {
        var user = factory.CreateUser();
        using var browser = factory.CreateBrowser();
        await Flows.SignInAsync(browser, user);
        for (var i = 0; i < 3; i++)
        {
            await TwoFactorPromptPage.OpenAsync(browser);
        }

        var page = await browser.GetAsync("/Account/TwoFactor");

        Assert.Equal(HttpStatusCode.TooManyRequests, page.Status);
        Assert.Equal("Too many requests", page.Heading);
    }
}
