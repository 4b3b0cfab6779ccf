using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>WebAuthn §8.2 Packed attestation: full (with <c>x5c</c>) or self attestation.</summary>
internal static class PackedAttestation
{
    public const string Format = "packed";

    public static TwoFactorResult<AttestationVerificationResult> Verify(in AttestationInput input)
    {
        // §8.2 verification procedure, step 1: attStmt is CBOR of the syntax above (alg, sig, optional x5c).
        var algorithm = AttestationStatement.ReadAlgorithm(input.Statement);
        var signature = AttestationStatement.ReadBytes(input.Statement, "sig").Span;
        var signedData = input.SignedData();
        var x5c = AttestationStatement.ReadCertificates(input.Statement, required: false);

        if (x5c is null)
        {
            // Step 3 (self attestation): alg must be the credential key's algorithm, and the credential key signed.
            if (algorithm != input.CredentialPublicKey.Algorithm)
            {
                return WebAuthnErrors.AttestationAlgorithmUnsupported;
            }

            if (!input.CredentialPublicKey.VerifySignature(signedData, signature))
            {
                return WebAuthnErrors.AttestationInvalidSignature;
            }

            return TwoFactorResult.Success(input.Result(AttestationType.Self, []));
        }

        TwoFactorError? error;
        try
        {
            error = CheckFull(input, x5c[0], algorithm, signedData, signature);
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

        // Step 2: without authenticator metadata, Basic and AttCA cannot be told apart.
        return TwoFactorResult.Success(input.Result(AttestationType.BasicOrAttCA, x5c));
    }

    private static TwoFactorError? CheckFull(
        in AttestationInput input,
        X509Certificate2 leaf,
        CoseAlgorithm algorithm,
        byte[] signedData,
        ReadOnlySpan<byte> signature)
    {
        // Step 2: sig is a valid signature over authenticatorData || clientDataHash by the attestation certificate's key.
        switch (CertificateSignature.Verify(leaf, algorithm, signedData, signature))
        {
            case SignatureCheck.AlgorithmUnsupported:
                return WebAuthnErrors.AttestationAlgorithmUnsupported;
            case SignatureCheck.Invalid:
                return WebAuthnErrors.AttestationInvalidSignature;
        }

        // Step 2: the certificate meets §8.2.1.
        if (!AttestationCertificates.MeetsPackedRequirements(leaf))
        {
            return WebAuthnErrors.AttestationCertificateInvalid;
        }

        // Step 2: an id-fido-gen-ce-aaguid extension must match the AAGUID in authenticatorData.
        // The optional metadata lookup on x5c is skipped: this package uses configured trust anchors, not FIDO MDS.
        if (!AttestationCertificates.AaguidExtensionMatches(leaf, input.Credential.AaguidBytes.Span))
        {
            return WebAuthnErrors.AttestationAaguidMismatch;
        }

        return null;
    }
}
