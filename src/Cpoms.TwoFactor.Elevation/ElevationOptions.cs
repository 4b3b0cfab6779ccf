using System.Security.Claims;

namespace Cpoms.TwoFactor.Elevation;

/// <summary>Settings of session elevation. Validated at start-up.</summary>
public sealed class ElevationOptions
{
    /// <summary>
    /// The claim type that holds the host's user id, the same id the SDK's device manager is called with.
    /// Default <see cref="ClaimTypes.NameIdentifier"/>. A session without this claim is never elevated.
    /// </summary>
    public string UserIdClaimType { get; set; } = ClaimTypes.NameIdentifier;

    /// <summary>
    /// How old an elevation may be for <see cref="CpomsTwoFactorPolicies.RecentlyElevated"/> (used for admin
    /// actions such as resetting another user's devices). Default 15 minutes; 1 minute to 24 hours. Shorter
    /// is safer: an unattended elevated session can do less harm.
    /// </summary>
    public TimeSpan RecentElevationMaxAge { get; set; } = TimeSpan.FromMinutes(15);
}
