using Cpoms.TwoFactor.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.AspNetCore.Tests;

public sealed class WebAuthnEndpointsTests
{
    [Theory]
    [InlineData("/Safeguarding", "/Safeguarding")]
    [InlineData("/Settings/SecurityKeys?tab=1", "/Settings/SecurityKeys?tab=1")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("evil.example", "/")]
    [InlineData("/a\r\nLocation: https://evil.example/", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void LocalPathOrRoot_ReturnUrl_KeepsOnlyPathsOnThisSite(string? returnUrl, string expected) =>
        Assert.Equal(expected, WebAuthnEndpoints.LocalPathOrRoot(returnUrl));

    [Fact]
    public async Task MapCpomsTwoFactor_WithWebAuthn_MapsTheFourSecurityKeyEndpoints()
    {
        var routes = await RoutesAsync(withWebAuthn: true);

        Assert.Equal(
            ["/cpoms-2fa/webauthn/authenticate/complete", "/cpoms-2fa/webauthn/authenticate/options", "/cpoms-2fa/webauthn/register/complete", "/cpoms-2fa/webauthn/register/options"],
            routes.Where(r => r.Contains("webauthn", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MapCpomsTwoFactor_WithoutWebAuthn_MapsNoSecurityKeyEndpoints()
    {
        var routes = await RoutesAsync(withWebAuthn: false);

        Assert.Contains("/cpoms-2fa/authenticator/verify", routes);
        Assert.DoesNotContain(routes, r => r.Contains("webauthn", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> RoutesAsync(bool withWebAuthn)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddAuthentication().AddCookie();
        var twoFactor = builder.Services.AddCpomsTwoFactor(o => o.ApplicationName = "Tests").AddTotp(o => o.Issuer = "Tests");
        if (withWebAuthn)
        {
            twoFactor.AddWebAuthn(o => o.RelyingPartyId = "localhost");
        }

        twoFactor.UseAspNetCore();
        await using var app = builder.Build();
        app.MapCpomsTwoFactor();
        return [.. ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))];
    }
}
