using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>
/// WebAuthn §8.8 Apple Anonymous attestation: Apple's anonymization CA issued a certificate for the credential key
/// whose nonce extension binds it to this registration.
/// </summary>
internal static class AppleAttestation
{
    public const string Format = "apple";

    /// <summary>The extension holding the nonce: SEQUENCE { [1] EXPLICIT OCTET STRING }.</summary>
    public const string NonceExtensionOid = "1.2.840.113635.100.8.2";

    public static TwoFactorResult<AttestationVerificationResult> Verify(in AttestationInput input)
    {
        // Step 1: attStmt is CBOR of the syntax above (x5c).
        var x5c = AttestationStatement.ReadCertificates(input.Statement, required: true)!;

        TwoFactorError? error;
        try
        {
            error = Check(input, x5c[0]);
        }
        catch
        {
            // A certificate or extension the platform cannot decode: release the loaded certificates, then let the
            // verifier turn the exception into a malformed-statement error.
            AttestationStatement.Dispose(x5c);
            throw;
        }

        if (error is not null)
        {
            AttestationStatement.Dispose(x5c);
            return error;
        }

        // Step 6: Anonymization CA; the trust path is x5c.
        return TwoFactorResult.Success(input.Result(AttestationType.AnonCA, x5c));
    }

    private static TwoFactorError? Check(in AttestationInput input, X509Certificate2 credentialCertificate)
    {
        // Steps 2–4: nonce = SHA-256(authenticatorData || clientDataHash) equals the certificate's nonce extension.
        if (credentialCertificate.Extensions[NonceExtensionOid] is not { } extension)
        {
            return WebAuthnErrors.AttestationCertificateInvalid;
        }

        if (!ReadNonce(extension.RawData).AsSpan().SequenceEqual(input.SignedDataSha256()))
        {
            return WebAuthnErrors.AttestationAppleNonceMismatch;
        }

        // Step 5: the credential public key is the certificate's subject public key.
        return input.CredentialPublicKey.MatchesPublicKey(credentialCertificate.PublicKey)
            ? null
            : WebAuthnErrors.AttestationPublicKeyMismatch;
    }

    internal static byte[] ReadNonce(ReadOnlyMemory<byte> extensionValue)
    {
        try
        {
            var reader = new AsnReader(extensionValue, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var explicitTag = sequence.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true));
            sequence.ThrowIfNotEmpty();
            var nonce = explicitTag.ReadOctetString();
            explicitTag.ThrowIfNotEmpty();
            return nonce;
        }
        catch (AsnContentException ex)
        {
            throw new AttestationFormatException("The Apple nonce extension is not valid DER.", ex);
        }
    }
}
