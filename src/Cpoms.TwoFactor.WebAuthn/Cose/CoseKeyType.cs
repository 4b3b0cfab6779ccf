namespace Cpoms.TwoFactor.WebAuthn.Cose;

/// <summary>The COSE key types (<c>kty</c>, label 1; IANA "COSE Key Types") that WebAuthn credential keys use.</summary>
public enum CoseKeyType
{
    /// <summary>Octet key pair (RFC 9053 §7.2): Ed25519 keys.</summary>
    OKP = 1,

    /// <summary>Elliptic curve key with x and y coordinates (RFC 9053 §7.1.1): P-256, P-384, P-521.</summary>
    EC2 = 2,

    /// <summary>RSA key (RFC 8230 §4).</summary>
    RSA = 3,
}
