using Cpoms.TwoFactor.AspNetCore.RateLimiting;
using Cpoms.TwoFactor.Elevation;
using Cpoms.TwoFactor.Sample.Infrastructure;
using Cpoms.TwoFactor.Sample.Users;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.RateLimiting;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o =>
    {
        o.LoginPath = "/Account/Login";
        o.LogoutPath = "/Account/Logout";
        o.AccessDeniedPath = "/Account/AccessDenied";
        o.Cookie.Name = "cpoms-sample";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
    });

// The SDK: authenticator apps, security keys, elevation, ASP.NET Core integration; in-memory stores by default.
// Security keys are bound to the RP ID "localhost"; the origins the pages are served from come from
// configuration (Sample:WebAuthn:Origins, default http://localhost:5000).
var configuration = builder.Configuration;
builder.Services.AddCpomsTwoFactor(o => o.ApplicationName = "CPOMS Sample")
    .AddTotp(o => o.Issuer = "CPOMS Sample")
    .AddWebAuthn(o =>
    {
        o.RelyingPartyId = "localhost";
        o.RelyingPartyName = "Cpoms Sample";
        var origins = configuration.GetSection("Sample:WebAuthn:Origins").Get<string[]>();
        foreach (var origin in origins is { Length: > 0 } ? origins : ["http://localhost:5000"])
        {
            o.Origins.Add(origin);
        }
    })
    .AddElevation()
    .UseAspNetCore();

builder.Services.AddSingleton<DemoUserStore>();
builder.Services.AddSingleton<IUserGroupPermissions, DemoUserGroupPermissions>();
builder.Services.AddSingleton<DateDisplay>();
builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = new InMemoryXmlRepository());

builder.Services.AddAuthorizationBuilder()
    .AddPolicy(SamplePolicies.Safeguarding, p => p.RequireGroupPermission(Permissions.ViewSafeguarding))
    .AddPolicy(SamplePolicies.Admin, p => p.RequireGroupPermission(Permissions.ManageUsers).RequireRecentlyElevatedSession());

builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/");
    o.Conventions.AllowAnonymousToPage("/Account/Login");
    o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
    o.Conventions.AllowAnonymousToPage("/Error");
    o.Conventions.AuthorizeFolder("/Safeguarding", SamplePolicies.Safeguarding);
    o.Conventions.AuthorizeFolder("/Admin", SamplePolicies.Admin);
    foreach (var page in new[] { "/Account/TwoFactor", "/Settings/SecurityKeys", "/Settings/AddDevice", "/Settings/AddSecurityKey" })
    {
        o.Conventions.AddPageApplicationModelConvention(page, m =>
            m.EndpointMetadata.Add(new EnableRateLimitingAttribute(CpomsTwoFactorRateLimiting.PolicyName)));
    }
});

var app = builder.Build();

app.UseExceptionHandler("/Error");
app.UseStatusCodePagesWithReExecute("/Error/{0}");
app.UseSampleSecurityHeaders();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

// The site's own files and the SDK's browser script (/_content/Cpoms.TwoFactor.AspNetCore/cpoms-webauthn.js).
app.MapStaticAssets();
app.MapRazorPages();
app.MapCpomsTwoFactor();

app.Run();

/// <summary>The sample's entry point (public for <c>WebApplicationFactory&lt;Program&gt;</c> in the tests).</summary>
public partial class Program;
