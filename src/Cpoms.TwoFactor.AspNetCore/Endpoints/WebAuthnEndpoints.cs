using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Cpoms.TwoFactor.AspNetCore.Http;
using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Elevation;
using Cpoms.TwoFactor.WebAuthn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.AspNetCore.Endpoints;

/// <summary>
/// The security-key endpoints the browser script <c>cpoms-webauthn.js</c> calls: options and completion of the
/// WebAuthn registration and authentication ceremonies. Mapped only when <c>AddWebAuthn()</c> was called.
/// </summary>
internal static class WebAuthnEndpoints
{
    /// <summary>The largest request body accepted: a browser's credential JSON with attestation certificates fits easily.</summary>
    internal const int MaxBodyBytes = 64 * 1024;

    /// <summary>The deepest JSON accepted: body → credential → response / clientExtensionResults → extension output.</summary>
    private const int MaxDepth = 8;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/webauthn/register/options", RegisterOptionsAsync);
        group.MapPost("/webauthn/register/complete", RegisterCompleteAsync);
        group.MapPost("/webauthn/authenticate/options", AuthenticateOptionsAsync);
        group.MapPost("/webauthn/authenticate/complete", AuthenticateCompleteAsync);
    }

    /// <summary>
    /// <c>POST webauthn/register/options</c>: starts adding a security key for the signed-in user, when the session may
    /// enroll (<see cref="ElevationManager.CanEnrollAsync"/>: elevated, or no devices yet). 200
    /// <c>{"challengeId":…,"publicKey":{…creation options JSON…}}</c>.
    /// </summary>
    private static async Task<IResult> RegisterOptionsAsync(
        HttpContext httpContext,
        IAntiforgery antiforgery,
        ElevationManager elevation,
        WebAuthnRegistrationService registration,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        var cancellationToken = httpContext.RequestAborted;
        var now = time.GetUtcNow();
        if (await CheckRequestAsync(httpContext, antiforgery, elevation, loggers).ConfigureAwait(false) is { } refused)
        {
            return TwoFactorProblems.ToResult(refused, now);
        }

        var allowed = await elevation.CanEnrollAsync(httpContext.User, cancellationToken).ConfigureAwait(false);
        if (!allowed.Succeeded)
        {
            return TwoFactorProblems.ToResult(allowed.Error, now);
        }

        var user = httpContext.User;
        var userName = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "account";
        var displayName = user.FindFirstValue(ClaimTypes.Name) ?? "";
        var ceremony = await registration.BeginRegistrationAsync(elevation.GetUserId(user)!, userName, displayName, cancellationToken).ConfigureAwait(false);
        return Options(httpContext, ceremony);
    }

    /// <summary>
    /// <c>POST webauthn/register/complete</c> with <c>{"challengeId":…,"name":"U2F Key","credential":{…}}</c>: verifies the
    /// browser's registration response and adds the key. 200 <c>{"deviceId":…,"name":…}</c>. An elevated session stays
    /// elevated (the cookie is re-issued with the new two-factor stamp).
    /// </summary>
    private static async Task<IResult> RegisterCompleteAsync(
        HttpContext httpContext,
        IAntiforgery antiforgery,
        ElevationManager elevation,
        WebAuthnRegistrationService registration,
        SessionElevator elevator,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        var cancellationToken = httpContext.RequestAborted;
        var now = time.GetUtcNow();
        if (await CheckRequestAsync(httpContext, antiforgery, elevation, loggers).ConfigureAwait(false) is { } refused)
        {
            return TwoFactorProblems.ToResult(refused, now);
        }

        using var document = await JsonRequestBody.ReadObjectAsync(httpContext.Request, MaxBodyBytes, MaxDepth, cancellationToken).ConfigureAwait(false);
        if (document is null || !TryReadCompletion(document.RootElement, out var challengeId, out var credential))
        {
            return TwoFactorProblems.ToResult(AspNetCoreErrors.InvalidRequest, now);
        }

        var allowed = await elevation.CanEnrollAsync(httpContext.User, cancellationToken).ConfigureAwait(false);
        if (!allowed.Succeeded)
        {
            return TwoFactorProblems.ToResult(allowed.Error, now);
        }

        var wasElevated = await elevation.GetStateAsync(httpContext.User, null, cancellationToken).ConfigureAwait(false) == ElevationState.Elevated;
        var name = JsonRequestBody.GetString(document.RootElement, "name") ?? "";
        var userId = elevation.GetUserId(httpContext.User)!;
        var added = await registration.CompleteRegistrationAsync(userId, challengeId, name, credential, cancellationToken).ConfigureAwait(false);
        if (!added.Succeeded)
        {
            return TwoFactorProblems.ToResult(added.Error, now);
        }

        // Adding a device changes the two-factor stamp; an elevated session that made the change stays elevated.
        await elevator.RenewStampAsync(httpContext, wasElevated, cancellationToken).ConfigureAwait(false);
        NoStore(httpContext);
        return Results.Ok(new RegisteredResponse(added.Value.Id, added.Value.Name));
    }

    /// <summary>
    /// <c>POST webauthn/authenticate/options</c>: starts signing in with one of the user's security keys. 200
    /// <c>{"challengeId":…,"publicKey":{…request options JSON…}}</c>; 400 <c>webauthn.no_credentials</c> without keys.
    /// </summary>
    private static async Task<IResult> AuthenticateOptionsAsync(
        HttpContext httpContext,
        IAntiforgery antiforgery,
        ElevationManager elevation,
        WebAuthnAuthenticationService authentication,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        var now = time.GetUtcNow();
        if (await CheckRequestAsync(httpContext, antiforgery, elevation, loggers).ConfigureAwait(false) is { } refused)
        {
            return TwoFactorProblems.ToResult(refused, now);
        }

        var userId = elevation.GetUserId(httpContext.User)!;
        var begun = await authentication.BeginAuthenticationAsync(userId, httpContext.RequestAborted).ConfigureAwait(false);
        return begun.Succeeded ? Options(httpContext, begun.Value) : TwoFactorProblems.ToResult(begun.Error, now);
    }

    /// <summary>
    /// <c>POST webauthn/authenticate/complete[?returnUrl=/local/path]</c> with <c>{"challengeId":…,"credential":{…}}</c>:
    /// verifies the assertion and elevates the session (cookie re-issued). 200 <c>{"redirect":…}</c> with the return URL
    /// when it is a local path, else <c>/</c>.
    /// </summary>
    private static async Task<IResult> AuthenticateCompleteAsync(
        HttpContext httpContext,
        IAntiforgery antiforgery,
        ElevationManager elevation,
        WebAuthnAuthenticationService authentication,
        SessionElevator elevator,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        var cancellationToken = httpContext.RequestAborted;
        var now = time.GetUtcNow();
        if (await CheckRequestAsync(httpContext, antiforgery, elevation, loggers).ConfigureAwait(false) is { } refused)
        {
            return TwoFactorProblems.ToResult(refused, now);
        }

        using var document = await JsonRequestBody.ReadObjectAsync(httpContext.Request, MaxBodyBytes, MaxDepth, cancellationToken).ConfigureAwait(false);
        if (document is null || !TryReadCompletion(document.RootElement, out var challengeId, out var credential))
        {
            return TwoFactorProblems.ToResult(AspNetCoreErrors.InvalidRequest, now);
        }

        var userId = elevation.GetUserId(httpContext.User)!;
        var verified = await authentication.CompleteAuthenticationAsync(userId, challengeId, credential, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            return TwoFactorProblems.ToResult(verified.Error, now);
        }

        var elevated = await elevator.ElevateAsync(httpContext, verified.Value, cancellationToken).ConfigureAwait(false);
        if (!elevated.Succeeded)
        {
            return TwoFactorProblems.ToResult(elevated.Error, now);
        }

        NoStore(httpContext);
        return Results.Ok(new ElevatedResponse(LocalPathOrRoot(httpContext.Request.Query["returnUrl"])));
    }

    /// <summary>A signed-in session and a valid antiforgery token (from the request header), or the error to answer.</summary>
    private static async Task<TwoFactorError?> CheckRequestAsync(HttpContext httpContext, IAntiforgery antiforgery, ElevationManager elevation, ILoggerFactory loggers)
    {
        if (elevation.GetUserId(httpContext.User) is null)
        {
            return AspNetCoreErrors.NotSignedIn;
        }

        if (!await antiforgery.IsRequestValidAsync(httpContext).ConfigureAwait(false))
        {
            Log.AntiforgeryFailed(loggers.CreateLogger(typeof(WebAuthnEndpoints)));
            return AspNetCoreErrors.Antiforgery;
        }

        return null;
    }

    /// <summary>Reads <c>challengeId</c> (a string) and <c>credential</c> (an object, kept as its raw JSON text).</summary>
    private static bool TryReadCompletion(JsonElement root, out string challengeId, out string credential)
    {
        challengeId = JsonRequestBody.GetString(root, "challengeId") ?? "";
        credential = "";
        if (challengeId.Length == 0 || !root.TryGetProperty("credential", out var value) || value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        credential = value.GetRawText();
        return true;
    }

    /// <summary>Writes <c>{"challengeId":…,"publicKey":…}</c> with the ceremony's options JSON as is; never cached.</summary>
    private static IResult Options(HttpContext httpContext, WebAuthnCeremony ceremony)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("challengeId", ceremony.ChallengeId);
            writer.WritePropertyName("publicKey");
            writer.WriteRawValue(ceremony.OptionsJson, skipInputValidation: true);
            writer.WriteEndObject();
        }

        NoStore(httpContext);
        return Results.Text(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), "application/json", Encoding.UTF8);
    }

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a path on this site (<c>/…</c>, not <c>//host</c> or <c>/\host</c>, no control
    /// characters), else <c>/</c>: the response never redirects the browser to another site.
    /// </summary>
    internal static string LocalPathOrRoot(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/')
        {
            return "/";
        }

        if (returnUrl.Length > 1 && returnUrl[1] is '/' or '\\')
        {
            return "/";
        }

        foreach (var c in returnUrl)
        {
            if (char.IsControl(c))
            {
                return "/";
            }
        }

        return returnUrl;
    }

    private static void NoStore(HttpContext httpContext) => httpContext.Response.Headers.CacheControl = "no-store";

    internal sealed record RegisteredResponse(string DeviceId, string Name);

    internal sealed record ElevatedResponse(string Redirect);
}
