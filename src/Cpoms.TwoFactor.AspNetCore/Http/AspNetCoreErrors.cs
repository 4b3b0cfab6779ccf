using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.AspNetCore.Http;

/// <summary>The catalogue of AspNetCore's error codes (prefix <c>aspnetcore.</c>). Codes are stable; messages are for users.</summary>
public static class AspNetCoreErrors
{
    /// <summary><c>aspnetcore.antiforgery</c>: the request's antiforgery token is missing or invalid.</summary>
    public static TwoFactorError Antiforgery { get; } =
        new("aspnetcore.antiforgery", "The form could not be accepted because its security token was missing or invalid. Nothing was changed. Reload the page and try again.");

    /// <summary><c>aspnetcore.invalid_request</c>: the request body could not be read.</summary>
    public static TwoFactorError InvalidRequest { get; } =
        new("aspnetcore.invalid_request", "The request could not be read. Nothing was changed.");

    /// <summary><c>aspnetcore.not_signed_in</c>: the endpoint needs a signed-in session.</summary>
    public static TwoFactorError NotSignedIn { get; } =
        new("aspnetcore.not_signed_in", "Please sign in first.");

    /// <summary><c>aspnetcore.rate_limited</c>: too many requests in a short time.</summary>
    public static TwoFactorError RateLimited { get; } =
        new("aspnetcore.rate_limited", "Too many requests. Please wait a minute and try again.");
}
