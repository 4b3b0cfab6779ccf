namespace Cpoms.TwoFactor.Elevation;

/// <summary>
/// The claim types an elevated session carries. Every claim the SDK adds is issued by
/// <see cref="Issuer"/>, so that elevation can be removed again without touching the host's own claims.
/// </summary>
public static class CpomsTwoFactorClaimTypes
{
    /// <summary>
    /// The issuer of every claim added on elevation. Claims of the same types from another issuer are
    /// ignored by the elevation checks, so a host cannot elevate a session by accident.
    /// </summary>
    public const string Issuer = "Cpoms.TwoFactor";

    /// <summary>
    /// <c>amr</c>: an authentication method reference (RFC 8176 §2, registered for JWT in RFC 8176 §4.1).
    /// One claim per value; see <see cref="AmrValues"/>. The host's own first-factor value (such as
    /// <c>pwd</c>) is kept on elevation.
    /// </summary>
    public const string AuthenticationMethod = "amr";

    /// <summary>When the session was elevated, as Unix time in seconds (a <c>long</c>, invariant culture).</summary>
    public const string ElevatedAt = "cpoms_2fa_elevated_at";

    /// <summary>The id of the device that elevated the session.</summary>
    public const string DeviceId = "cpoms_2fa_device_id";

    /// <summary>
    /// The user's two-factor stamp at the time of elevation. When the user's devices change (added, removed,
    /// reset by an admin) the stamp changes and the session is no longer elevated.
    /// </summary>
    public const string Stamp = "cpoms_2fa_stamp";
}
