namespace Cpoms.TwoFactor.Elevation;

/// <summary>Whether a session is elevated, and if not, why not.</summary>
public enum ElevationState
{
    /// <summary>The session never passed a second factor (or is not signed in).</summary>
    NotElevated = 0,

    /// <summary>The session passed a second factor and the user's devices have not changed since.</summary>
    Elevated = 1,

    /// <summary>The session was elevated, but longer ago than the maximum age asked for.</summary>
    Expired = 2,

    /// <summary>
    /// The session was elevated, but the user's devices changed since (added, removed or reset by an admin):
    /// its two-factor stamp is stale and it must elevate again.
    /// </summary>
    Revoked = 3,
}
