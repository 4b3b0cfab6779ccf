using Microsoft.AspNetCore.Authentication.Cookies;

namespace Cpoms.TwoFactor.AspNetCore;

/// <summary>Settings of the ASP.NET Core integration. Validated at start-up.</summary>
public sealed class TwoFactorWebOptions
{
    /// <summary>
    /// The cookie authentication scheme whose session is elevated and re-issued. <see langword="null"/>
    /// (the default) uses the host's default sign-in scheme, typically
    /// <see cref="CookieAuthenticationDefaults.AuthenticationScheme"/>.
    /// </summary>
    public string? AuthenticationScheme { get; set; }

    /// <summary>
    /// Requests allowed per user (or, before sign-in, per client IP address) in each
    /// <see cref="RateLimitWindow"/> on the endpoints and pages that use
    /// <see cref="RateLimiting.CpomsTwoFactorRateLimiting.PolicyName"/>. Default 30; 1 to 10,000. This is a
    /// coarse HTTP limit on top of the per-user and per-device attempt throttling of the factors.
    /// </summary>
    public int RateLimitPermits { get; set; } = 30;

    /// <summary>The fixed window of <see cref="RateLimitPermits"/>. Default 1 minute; 1 second to 1 hour.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);
}
