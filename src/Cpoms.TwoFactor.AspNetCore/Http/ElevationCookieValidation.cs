using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Elevation;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.AspNetCore.Http;

/// <summary>
/// Hooks the stale-stamp check into every cookie scheme's <see cref="CookieAuthenticationEvents.OnValidatePrincipal"/>
/// (after the host's own handler): when an elevated session's two-factor stamp no longer matches the user's,
/// the elevation claims are removed, the cookie is renewed without them and
/// <see cref="SecurityEventTypes.ElevationRevoked"/> is logged. The host's claims are kept.
/// </summary>
/// <remarks>
/// A host that sets <c>AuthenticationSchemeOptions.EventsType</c> replaces these events at run
/// time: the authorization checks still deny a stale elevation, but the cookie keeps the dead claims and no
/// <see cref="SecurityEventTypes.ElevationRevoked"/> entry is written.
/// Each request with an elevated cookie costs one stamp read.
/// </remarks>
internal sealed class ElevationCookieValidation : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        var events = options.Events ??= new CookieAuthenticationEvents();
        var inner = events.OnValidatePrincipal;
        events.OnValidatePrincipal = async context =>
        {
            await inner(context).ConfigureAwait(false);
            await ValidateAsync(context).ConfigureAwait(false);
        };
    }

    /// <summary>Drops stale elevation from <paramref name="context"/>'s principal.</summary>
    internal static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal ||
            ElevationManager.GetElevatedAt(principal) is null ||
            context.HttpContext.RequestServices.GetService<ElevationManager>() is not { } elevation)
        {
            return;
        }

        var cancellationToken = context.HttpContext.RequestAborted;
        if (await elevation.GetStateAsync(principal, null, cancellationToken).ConfigureAwait(false) != ElevationState.Revoked)
        {
            return;
        }

        context.ReplacePrincipal(ElevationManager.RemoveElevation(principal));
        context.ShouldRenew = true;
        if (elevation.GetUserId(principal) is { } userId)
        {
            var services = context.HttpContext.RequestServices;
            Log.ElevationRevoked(services.GetRequiredService<ILogger<ElevationCookieValidation>>(), userId);
            await services.GetRequiredService<ISecurityLog>().WriteAsync(
                userId, SecurityEventTypes.ElevationRevoked, SecurityEventOutcome.Success,
                principal.FindFirst(c => c.Type == Elevation.CpomsTwoFactorClaimTypes.DeviceId && c.Issuer == Elevation.CpomsTwoFactorClaimTypes.Issuer)?.Value,
                detail: "Two-factor devices changed", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
