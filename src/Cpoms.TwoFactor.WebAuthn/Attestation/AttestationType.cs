namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>The attestation types of WebAuthn §6.5.4: how far a new credential's origin is vouched for.</summary>
public enum AttestationType
{
    /// <summary>No attestation (format <c>none</c>): nothing is known about the authenticator's make or model.</summary>
    None,

    /// <summary>Self attestation: the credential signed its own creation. It proves possession of the key only.</summary>
    Self,

    /// <summary>Basic attestation: a certificate of the authenticator model's attestation key vouches for the credential.</summary>
    Basic,

    /// <summary>Attestation CA (TPM): a certificate authority certified a per-device attestation identity key.</summary>
    AttCA,

    /// <summary>Anonymization CA (Apple): a CA issued a per-credential certificate that hides the device's identity.</summary>
    AnonCA,

    /// <summary>
    /// Basic or AttCA: the format (<c>packed</c> or <c>fido-u2f</c> with a certificate) cannot tell the two apart without
    /// authenticator metadata. Both give the same trust when the certificate chains to a configured anchor.
    /// </summary>
    BasicOrAttCA,
}
