namespace Cpoms.TwoFactor.WebAuthn.Cose;

/// <summary>
/// The COSE signature algorithms (IANA "COSE Algorithms" registry) a WebAuthn credential key may declare.
/// The value is the registered identifier, as carried in the key's <c>alg</c> (label 3) and in
/// <c>pubKeyCredParams</c>.
/// </summary>
public enum CoseAlgorithm
{
    /// <summary>ECDSA with SHA-256 on P-256 (RFC 9053 §2.1).</summary>
    ES256 = -7,

    /// <summary>ECDSA with SHA-384 on P-384 (RFC 9053 §2.1).</summary>
    ES384 = -35,

    /// <summary>ECDSA with SHA-512 on P-521 (RFC 9053 §2.1).</summary>
    ES512 = -36,

    /// <summary>EdDSA; only Ed25519 keys are accepted (RFC 9053 §2.2).</summary>
    EdDSA = -8,

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8812 §2).</summary>
    RS256 = -257,

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-384 (RFC 8812 §2).</summary>
    RS384 = -258,

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-512 (RFC 8812 §2).</summary>
    RS512 = -259,

    /// <summary>RSASSA-PSS with SHA-256, MGF1 with SHA-256, salt as long as the hash (RFC 8230 §2).</summary>
    PS256 = -37,

    /// <summary>RSASSA-PSS with SHA-384, MGF1 with SHA-384, salt as long as the hash (RFC 8230 §2).</summary>
    PS384 = -38,

    /// <summary>RSASSA-PSS with SHA-512, MGF1 with SHA-512, salt as long as the hash (RFC 8230 §2).</summary>
    PS512 = -39,

    /// <summary>
    /// RSASSA-PKCS1-v1_5 with SHA-1 (RFC 8812 §2). SHA-1 is broken for collision resistance: it exists here only
    /// because TPM attestation keys use it. Decoding accepts it; whether a ceremony accepts it is the ceremony's
    /// decision, and a platform whose crypto policy disables SHA-1 signatures makes every RS1 verification fail.
    /// </summary>
    RS1 = -65535,
}
