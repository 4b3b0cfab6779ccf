using Cpoms.TwoFactor.AspNetCore.Http;
using Cpoms.TwoFactor.Elevation;
using Cpoms.TwoFactor.Totp;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.AspNetCore.Endpoints;

/// <summary>The authenticator-app ("soft key") endpoint: elevate the session with a typed code.</summary>
internal static class AuthenticatorEndpoints
{
    private const int MaxBodyBytes = 1024;

    public static void Map(RouteGroupBuilder group) => group.MapPost("/authenticator/verify", VerifyAsync);

    /// <summary>
    /// <c>POST {prefix}/authenticator/verify</c> with <c>{"code":"123456"}</c> and the antiforgery token in the
    /// request header: checks the code with <see cref="AuthenticatorAppVerifier"/> and, on success, elevates the
    /// session (cookie re-issued). 200 <c>{"elevated":true,"deviceId":…}</c>, or a problem with the error code.
    /// </summary>
    private static async Task<IResult> VerifyAsync(
        HttpContext httpContext,
        IAntiforgery antiforgery,
        ElevationManager elevation,
        AuthenticatorAppVerifier verifier,
        SessionElevator elevator,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        var cancellationToken = httpContext.RequestAborted;
        var now = time.GetUtcNow();
        if (elevation.GetUserId(httpContext.User) is not { } userId)
        {
            return TwoFactorProblems.ToResult(AspNetCoreErrors.NotSignedIn, now);
        }

        if (!await antiforgery.IsRequestValidAsync(httpContext).ConfigureAwait(false))
        {
            Log.AntiforgeryFailed(loggers.CreateLogger(typeof(AuthenticatorEndpoints)));
            return TwoFactorProblems.ToResult(AspNetCoreErrors.Antiforgery, now);
        }

        var request = await ReadAsync(httpContext.Request, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return TwoFactorProblems.ToResult(AspNetCoreErrors.InvalidRequest, now);
        }

        var verified = await verifier.VerifyAsync(userId, request.Code, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            return TwoFactorProblems.ToResult(verified.Error, now);
        }

        var elevated = await elevator.ElevateAsync(httpContext, verified.Value, cancellationToken).ConfigureAwait(false);
        return elevated.Succeeded
            ? Results.Ok(new VerifyResponse(true, verified.Value.Id))
            : TwoFactorProblems.ToResult(elevated.Error, now);
    }

    private static async Task<VerifyRequest?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var document = await JsonRequestBody.ReadObjectAsync(request, MaxBodyBytes, maxDepth: 4, cancellationToken).ConfigureAwait(false);
        return document is not null && JsonRequestBody.GetString(document.RootElement, "code") is { } code
            ? new VerifyRequest(code)
            : null;
    }

    private sealed record VerifyRequest(string? Code);

    internal sealed record VerifyResponse(bool Elevated, string DeviceId);
}
