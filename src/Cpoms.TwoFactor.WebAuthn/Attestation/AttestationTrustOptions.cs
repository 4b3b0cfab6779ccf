using System.Security.Cryptography.X509Certificates;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>
/// Which new security keys the registration ceremony accepts, judged by their attestation (WebAuthn §7.1 steps 21–22).
/// </summary>
/// <remarks>
/// <para>
/// The defaults accept every key whose attestation statement is well formed and correctly signed: keys without
/// attestation (<c>none</c>), keys that vouch for themselves (self attestation), and keys whose certificates do not
/// lead to a configured trust anchor (treated as self attestation, as WebAuthn §7.1 step 23 permits). That suits most
/// sites: attestation proves the make of a key, not who holds it.
/// </para>
/// <para>
/// A school that only allows the keys it issued sets <see cref="RequireTrustedAttestation"/>, adds the vendor's
/// attestation root to <see cref="TrustAnchors"/> and lists the models in <see cref="AllowedAaguids"/>.
/// </para>
/// <para>
/// Certificate revocation is not checked (no CRL or OCSP requests are made, and no certificate is downloaded):
/// attestation roots are checked against this list only. Remove a compromised root or model from these lists instead.
/// </para>
/// </remarks>
public sealed class AttestationTrustOptions
{
    private TimeSpan _safetyNetMaxAge = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Accept keys that give no attestation (format <c>none</c>, which browsers use when they hide the key's model).
    /// Default <see langword="true"/>. Ignored (treated as <see langword="false"/>) when
    /// <see cref="RequireTrustedAttestation"/> is set.
    /// </summary>
    public bool AllowNoneAttestation { get; set; } = true;

    /// <summary>
    /// Accept keys whose attestation proves nothing beyond possession of the key: self attestation, and certificate
    /// attestation that does not chain to one of <see cref="TrustAnchors"/>. Default <see langword="true"/>. Ignored
    /// (treated as <see langword="false"/>) when <see cref="RequireTrustedAttestation"/> is set.
    /// </summary>
    public bool AllowSelfAttestation { get; set; } = true;

    /// <summary>
    /// Accept only keys whose attestation certificate chains to one of <see cref="TrustAnchors"/>, at the verification
    /// time, and refuse <c>none</c> and self attestation. Default <see langword="false"/>. With no trust anchor
    /// configured, every registration is then refused.
    /// </summary>
    public bool RequireTrustedAttestation { get; set; }

    /// <summary>
    /// The attestation root certificates that count as trusted, such as a key vendor's published attestation root.
    /// Empty by default. A chain is trusted only when it ends at one of these certificates, valid at the verification
    /// time; a root that the key sends along with its own certificates is never trusted for that reason alone.
    /// Only self-signed certificates are used: list the vendor's root, not an intermediate CA (an intermediate listed
    /// here is ignored). A self-signed attestation certificate may be listed to trust exactly that certificate.
    /// </summary>
    public IList<X509Certificate2> TrustAnchors { get; } = [];

    /// <summary>
    /// The authenticator models (AAGUIDs) that may be registered. Empty (the default) allows every model. The AAGUID
    /// is only proven when the attestation is trusted: combine this list with <see cref="RequireTrustedAttestation"/>,
    /// otherwise a key (or a browser) can claim any AAGUID. U2F keys (format <c>fido-u2f</c>) report the all-zero AAGUID.
    /// </summary>
    public ISet<Guid> AllowedAaguids { get; } = new HashSet<Guid>();

    /// <summary>
    /// Refuse Android SafetyNet attestations whose <c>ctsProfileMatch</c> is false (a rooted device or an uncertified
    /// build). Default <see langword="true"/>.
    /// </summary>
    public bool SafetyNetRequireCtsProfileMatch { get; set; } = true;

    /// <summary>
    /// How far a SafetyNet response's <c>timestampMs</c> may be from the verification time, before or after it.
    /// Default one minute. A response older than this could be a replayed device check. Must be positive.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan SafetyNetMaxAge
    {
        get => _safetyNetMaxAge;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _safetyNetMaxAge = value;
        }
    }

    /// <summary>
    /// For <c>android-key</c> attestation: require key origin and purpose to be enforced by the device's secure
    /// hardware (the <c>teeEnforced</c> list) rather than by either hardware or the Android software (the union of
    /// <c>teeEnforced</c> and <c>softwareEnforced</c>, WebAuthn §8.4). Default <see langword="false"/>.
    /// </summary>
    public bool AndroidKeyRequireHardwareEnforced { get; set; }
}
