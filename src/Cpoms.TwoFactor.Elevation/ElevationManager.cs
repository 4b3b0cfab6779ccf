using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Elevation;

/// <summary>
/// Reads and writes a session's elevation. Elevation lives only in the session's claims
/// (<see cref="CpomsTwoFactorClaimTypes"/>); it is valid while the two-factor stamp it carries equals the
/// user's current stamp, so any change to the user's devices (including an admin reset) ends it.
/// </summary>
/// <remarks>Scoped: resolve it per request. Time comes from the registered <see cref="TimeProvider"/>.</remarks>
public sealed class ElevationManager
{
    private readonly DeviceManager _devices;
    private readonly IOptionsMonitor<ElevationOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ElevationManager> _logger;

    /// <summary>Creates the manager; resolve it from dependency injection.</summary>
    public ElevationManager(
        DeviceManager devices,
        IOptionsMonitor<ElevationOptions> options,
        TimeProvider timeProvider,
        ILogger<ElevationManager> logger)
    {
        _devices = devices;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// The user id of <paramref name="user"/> (the <see cref="ElevationOptions.UserIdClaimType"/> claim of an
    /// authenticated identity), or <see langword="null"/> when the session is not signed in.
    /// </summary>
    public string? GetUserId(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var type = _options.CurrentValue.UserIdClaimType;
        foreach (var identity in user.Identities)
        {
            if (identity.IsAuthenticated && identity.FindFirst(type) is { Value.Length: > 0 } claim)
            {
                return claim.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="user"/>'s session is elevated now. Compares the session's stamp with the
    /// user's current one (one store read) and, when <paramref name="maxAge"/> is given, the elevation's age.
    /// </summary>
    /// <param name="user">The session's principal.</param>
    /// <param name="maxAge">The oldest elevation accepted; <see langword="null"/> accepts any age.</param>
    /// <param name="cancellationToken">Cancels the store read.</param>
    public async Task<ElevationState> GetStateAsync(ClaimsPrincipal user, TimeSpan? maxAge = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = GetUserId(user);
        if (userId is null ||
            !IsMultiFactor(user) ||
            FindOwnClaim(user, CpomsTwoFactorClaimTypes.Stamp) is not { } stamp ||
            GetElevatedAt(user) is not { } elevatedAt)
        {
            return ElevationState.NotElevated;
        }

        var current = await _devices.GetStampAsync(userId, cancellationToken).ConfigureAwait(false);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stamp), Encoding.UTF8.GetBytes(current)))
        {
            Log.StaleStamp(_logger, userId);
            return ElevationState.Revoked;
        }

        if (maxAge is { } limit && _timeProvider.GetUtcNow() - elevatedAt > limit)
        {
            return ElevationState.Expired;
        }

        return ElevationState.Elevated;
    }

    /// <summary>
    /// When the session was elevated, read from its claims alone (no stamp check), or <see langword="null"/>.
    /// Use <see cref="GetStateAsync"/> to decide access.
    /// </summary>
    public static DateTimeOffset? GetElevatedAt(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return FindOwnClaim(user, CpomsTwoFactorClaimTypes.ElevatedAt) is { } value &&
            long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) &&
            seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    /// <summary>
    /// A copy of <paramref name="user"/> whose session is elevated by <paramref name="device"/>: any earlier
    /// elevation claims are replaced by <c>amr</c> = the device's method (<see cref="AmrValues.ForDeviceKind"/>)
    /// and <c>mfa</c>, the elevation time (now), the device id and the user's current two-factor stamp.
    /// The host's own claims, including its first-factor <c>amr</c>, are kept. Changes no state: the caller
    /// re-issues the session (the AspNetCore package does it for cookies).
    /// </summary>
    /// <returns>The elevated principal; <see cref="ElevationErrors.NotSignedIn"/> when the session has no
    /// user id; <see cref="ElevationErrors.DeviceNotOwned"/> when the device is another user's.</returns>
    public async Task<TwoFactorResult<ClaimsPrincipal>> CreateElevatedPrincipalAsync(
        ClaimsPrincipal user, Device device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(device);
        var userId = GetUserId(user);
        if (userId is null)
        {
            return ElevationErrors.NotSignedIn;
        }

        if (!string.Equals(device.UserId, userId, StringComparison.Ordinal))
        {
            Log.DeviceOfAnotherUser(_logger, userId, device.Id);
            return ElevationErrors.DeviceNotOwned;
        }

        var stamp = await _devices.GetStampAsync(userId, cancellationToken).ConfigureAwait(false);
        var elevated = RemoveElevation(user);
        var identity = PrimaryIdentity(elevated);
        var methods = new List<string>(2);
        if (AmrValues.ForDeviceKind(device.Kind) is { } method)
        {
            methods.Add(method);
        }

        methods.Add(AmrValues.MultipleFactors);
        foreach (var value in methods)
        {
            identity.AddClaim(OwnClaim(CpomsTwoFactorClaimTypes.AuthenticationMethod, value));
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        identity.AddClaim(new Claim(CpomsTwoFactorClaimTypes.ElevatedAt, now, ClaimValueTypes.Integer64, CpomsTwoFactorClaimTypes.Issuer));
        identity.AddClaim(OwnClaim(CpomsTwoFactorClaimTypes.DeviceId, device.Id));
        identity.AddClaim(OwnClaim(CpomsTwoFactorClaimTypes.Stamp, stamp));
        return TwoFactorResult.Success(elevated);
    }

    /// <summary>
    /// A copy of <paramref name="user"/> with the current two-factor stamp, for a session that is elevated
    /// right now and has just changed the user's own devices (which changes the stamp). Returns
    /// <see langword="null"/> when <paramref name="user"/> carries no elevation to carry over.
    /// </summary>
    /// <remarks>
    /// Call it only in the request that made the change, after checking with <see cref="GetStateAsync"/>
    /// before the change that the session was elevated; otherwise a session revoked by an admin reset could
    /// get its elevation back.
    /// </remarks>
    public async Task<ClaimsPrincipal?> RenewStampAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (GetUserId(user) is not { } userId || FindOwnClaim(user, CpomsTwoFactorClaimTypes.Stamp) is null)
        {
            return null;
        }

        var stamp = await _devices.GetStampAsync(userId, cancellationToken).ConfigureAwait(false);
        var renewed = user.Clone();
        foreach (var identity in renewed.Identities)
        {
            foreach (var claim in identity.FindAll(c => IsOwn(c) && c.Type == CpomsTwoFactorClaimTypes.Stamp).ToArray())
            {
                identity.RemoveClaim(claim);
            }
        }

        PrimaryIdentity(renewed).AddClaim(OwnClaim(CpomsTwoFactorClaimTypes.Stamp, stamp));
        return renewed;
    }

    /// <summary>
    /// Whether adding a device is allowed now: always for a user with no devices yet (first enrollment);
    /// otherwise only for an elevated session, so that someone who learns a password cannot add their own
    /// authenticator to an account that already has one.
    /// </summary>
    /// <returns>Success, <see cref="ElevationErrors.NotSignedIn"/>, or
    /// <see cref="TwoFactorErrors.EnrollmentNotAllowed"/>.</returns>
    public async Task<TwoFactorResult> CanEnrollAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (GetUserId(user) is not { } userId)
        {
            return ElevationErrors.NotSignedIn;
        }

        var devices = await _devices.ListAsync(userId, cancellationToken).ConfigureAwait(false);
        if (devices.Count == 0)
        {
            return TwoFactorResult.Success();
        }

        return await GetStateAsync(user, null, cancellationToken).ConfigureAwait(false) == ElevationState.Elevated
            ? TwoFactorResult.Success()
            : TwoFactorErrors.EnrollmentNotAllowed;
    }

    /// <summary>
    /// A copy of <paramref name="user"/> without any claim the SDK added on elevation; the host's claims stay.
    /// </summary>
    public static ClaimsPrincipal RemoveElevation(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var copy = user.Clone();
        foreach (var identity in copy.Identities)
        {
            foreach (var claim in identity.FindAll(IsOwn).ToArray())
            {
                identity.RemoveClaim(claim);
            }
        }

        return copy;
    }

    private static bool IsMultiFactor(ClaimsPrincipal user) =>
        user.HasClaim(c => IsOwn(c) && c.Type == CpomsTwoFactorClaimTypes.AuthenticationMethod && c.Value == AmrValues.MultipleFactors);

    private static string? FindOwnClaim(ClaimsPrincipal user, string type) =>
        user.FindFirst(c => IsOwn(c) && c.Type == type)?.Value;

    private static bool IsOwn(Claim claim) => string.Equals(claim.Issuer, CpomsTwoFactorClaimTypes.Issuer, StringComparison.Ordinal);

    private static Claim OwnClaim(string type, string value) =>
        new(type, value, ClaimValueTypes.String, CpomsTwoFactorClaimTypes.Issuer);

    private static ClaimsIdentity PrimaryIdentity(ClaimsPrincipal principal) =>
        principal.Identities.FirstOrDefault(i => i.IsAuthenticated)
        ?? throw new InvalidOperationException("The principal has no authenticated identity.");
}
