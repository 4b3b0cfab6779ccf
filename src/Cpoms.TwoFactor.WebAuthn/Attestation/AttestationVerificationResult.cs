using System.Security.Cryptography.X509Certificates;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>
/// What the attestation step of the registration ceremony (WebAuthn §7.1 steps 19–22) established.
/// </summary>
/// <param name="Format">The attestation statement format (<c>fmt</c>), such as <c>packed</c>.</param>
/// <param name="Type">The attestation type the format's verification procedure returned.</param>
/// <param name="TrustPath">
/// The attestation trust path: the statement's certificates, leaf first (for <c>android-safetynet</c>, those of the
/// JWS header). Empty for <see cref="AttestationType.None"/> and <see cref="AttestationType.Self"/>.
/// </param>
/// <param name="Aaguid">The authenticator model claimed in the authenticator data.</param>
/// <param name="TrustAnchor">
/// The configured trust anchor the trust path chains to; <see langword="null"/> until the trust decision ran, and
/// whenever the attestation is not trusted.
/// </param>
internal sealed record AttestationVerificationResult(
    string Format,
    AttestationType Type,
    X509Certificate2[] TrustPath,
    Guid Aaguid,
    X509Certificate2? TrustAnchor = null)
{
    /// <summary><see langword="true"/> when the trust path chains to a configured trust anchor.</summary>
    public bool IsTrusted => TrustAnchor is not null;
}
