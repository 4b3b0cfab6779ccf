using Cpoms.TwoFactor.AspNetCore.Endpoints;
using Cpoms.TwoFactor.AspNetCore.RateLimiting;
using Cpoms.TwoFactor.WebAuthn;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the SDK's HTTP endpoints.</summary>
public static class CpomsTwoFactorEndpointRouteBuilderExtensions
{
    /// <summary>The default route prefix of <see cref="MapCpomsTwoFactor"/>.</summary>
    public const string DefaultPrefix = "/cpoms-2fa";

    /// <summary>
    /// Maps the SDK's JSON endpoints under <paramref name="prefix"/> (default <c>/cpoms-2fa</c>):
    /// <list type="bullet">
    /// <item><c>GET session</c>: whether the current session is elevated (state, elevation time, device id).</item>
    /// <item><c>GET devices</c>: the signed-in user's devices (id, kind, name, registered, last used, verified); never secrets.</item>
    /// <item><c>POST authenticator/verify</c>: <c>{"code":"123456"}</c> with the antiforgery token in the request
    /// header (<c>RequestVerificationToken</c> by default); on success the session is elevated and the cookie re-issued.</item>
    /// <item>When <c>AddWebAuthn()</c> was called, the security-key endpoints the browser script
    /// <c>_content/Cpoms.TwoFactor.AspNetCore/cpoms-webauthn.js</c> uses: <c>POST webauthn/register/options</c> (a session
    /// that may enroll: elevated, or no devices yet) → <c>{challengeId, publicKey}</c>; <c>POST webauthn/register/complete</c>
    /// <c>{challengeId, name, credential}</c> → <c>{deviceId, name}</c> (an elevated session stays elevated);
    /// <c>POST webauthn/authenticate/options</c> → <c>{challengeId, publicKey}</c>; <c>POST webauthn/authenticate/complete</c>
    /// <c>{challengeId, credential}</c> → the session is elevated, <c>{redirect}</c> (the <c>returnUrl</c> query value when it
    /// is a local path, else <c>/</c>). All take the antiforgery token in the request header; bodies over 64 KiB are refused.</item>
    /// </list>
    /// Every endpoint needs a signed-in session (401 problem otherwise), answers errors as RFC 9457 problem
    /// details with a <c>code</c> extension (400 for bad input, 429 when throttled), and uses the <see cref="CpomsTwoFactorRateLimiting.PolicyName"/>
    /// rate limiter (call <c>app.UseRateLimiter()</c>). Factor packages add their endpoints to this group.
    /// </summary>
    /// <returns>The route group, for further conventions (for example <c>RequireHost</c>).</returns>
    public static RouteGroupBuilder MapCpomsTwoFactor(this IEndpointRouteBuilder endpoints, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var group = endpoints.MapGroup(prefix);
        group.WithMetadata(TwoFactorApiEndpointMetadata.Instance);
        group.RequireRateLimiting(CpomsTwoFactorRateLimiting.PolicyName);
        group.DisableAntiforgery();
        SessionEndpoints.Map(group);
        AuthenticatorEndpoints.Map(group);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>() is { } services &&
            services.IsService(typeof(WebAuthnRegistrationService)))
        {
            WebAuthnEndpoints.Map(group);
        }

        return group;
    }
}
