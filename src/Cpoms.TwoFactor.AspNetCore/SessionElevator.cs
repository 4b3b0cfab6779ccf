using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Elevation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.AspNetCore;

/// <summary>
/// Re-issues the host's authentication cookie after a second factor passed, so that the session carries
/// the elevation claims. The host's own claims and cookie properties are kept. Scoped.
/// </summary>
public sealed class SessionElevator
{
    private readonly ElevationManager _elevation;
    private readonly ISecurityLog _securityLog;
    private readonly IAuthenticationSchemeProvider _schemes;
    private readonly IOptionsMonitor<TwoFactorWebOptions> _options;
    private readonly ILogger<SessionElevator> _logger;

    /// <summary>Creates the elevator; resolve it from dependency injection.</summary>
    public SessionElevator(
        ElevationManager elevation,
        ISecurityLog securityLog,
        IAuthenticationSchemeProvider schemes,
        IOptionsMonitor<TwoFactorWebOptions> options,
        ILogger<SessionElevator> logger)
    {
        _elevation = elevation;
        _securityLog = securityLog;
        _schemes = schemes;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// Elevates the current session with <paramref name="device"/>, which has just passed a factor check
    /// (the factor's verifier has already recorded the device's use). Re-issues the cookie with
    /// <c>amr</c> (+ <c>mfa</c>), elevation time, device id and the user's two-factor stamp, sets
    /// <see cref="HttpContext.User"/> for the rest of the request, and writes
    /// <see cref="SecurityEventTypes.SessionElevated"/>.
    /// </summary>
    /// <returns>Success; <see cref="ElevationErrors.NotSignedIn"/> when the request has no session;
    /// <see cref="ElevationErrors.DeviceNotOwned"/> when the device is another user's. Nothing changes on failure.</returns>
    public async Task<TwoFactorResult> ElevateAsync(HttpContext httpContext, Device device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(device);
        var scheme = await ResolveSchemeAsync().ConfigureAwait(false);
        var session = await httpContext.AuthenticateAsync(scheme).ConfigureAwait(false);
        if (!session.Succeeded || session.Principal is null)
        {
            return ElevationErrors.NotSignedIn;
        }

        var elevated = await _elevation.CreateElevatedPrincipalAsync(session.Principal, device, cancellationToken).ConfigureAwait(false);
        if (!elevated.Succeeded)
        {
            Log.ElevationFailed(_logger, device.UserId, elevated.Error.Code);
            return elevated.Error;
        }

        await httpContext.SignInAsync(scheme, elevated.Value, session.Properties).ConfigureAwait(false);
        httpContext.User = elevated.Value;
        Log.SessionElevated(_logger, device.UserId, device.Id);
        await _securityLog.WriteAsync(
            device.UserId, SecurityEventTypes.SessionElevated, SecurityEventOutcome.Success, device.Id,
            detail: device.Kind.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
        return TwoFactorResult.Success();
    }

    /// <summary>
    /// Keeps the current session elevated after the user changed their own devices in this request (which
    /// changes the two-factor stamp): re-issues the cookie with the new stamp. Does nothing and returns
    /// <see langword="false"/> unless <paramref name="wasElevated"/>, which the caller must have read with
    /// <see cref="ElevationManager.GetStateAsync"/> <em>before</em> the change.
    /// </summary>
    public async Task<bool> RenewStampAsync(HttpContext httpContext, bool wasElevated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!wasElevated)
        {
            return false;
        }

        var scheme = await ResolveSchemeAsync().ConfigureAwait(false);
        var session = await httpContext.AuthenticateAsync(scheme).ConfigureAwait(false);
        if (!session.Succeeded || session.Principal is null)
        {
            return false;
        }

        var renewed = await _elevation.RenewStampAsync(session.Principal, cancellationToken).ConfigureAwait(false);
        if (renewed is null)
        {
            return false;
        }

        await httpContext.SignInAsync(scheme, renewed, session.Properties).ConfigureAwait(false);
        httpContext.User = renewed;
        return true;
    }

    private async Task<string> ResolveSchemeAsync()
    {
        if (_options.CurrentValue.AuthenticationScheme is { } configured)
        {
            return configured;
        }

        var scheme = await _schemes.GetDefaultSignInSchemeAsync().ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                "No default sign-in scheme is configured: call AddAuthentication(...).AddCookie() or set TwoFactorWebOptions.AuthenticationScheme in UseAspNetCore(o => ...).");
        return scheme.Name;
    }
}
