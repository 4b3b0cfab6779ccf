namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>
/// Thrown inside the attestation parsers (TPM structures, Android key description, SafetyNet JWS) when input is
/// malformed. The attestation verifier turns it into <see cref="WebAuthnErrors.AttestationMalformed"/>.
/// </summary>
internal sealed class AttestationFormatException : FormatException
{
    public AttestationFormatException(string message)
        : base(message)
    {
    }

    public AttestationFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
