using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>WebAuthn §8.6 FIDO U2F attestation: a U2F registration signature by a P-256 attestation certificate.</summary>
internal static class FidoU2fAttestation
{
    public const string Format = "fido-u2f";

    private const int CoordinateLength = 32;

    public static TwoFactorResult<AttestationVerificationResult> Verify(in AttestationInput input)
    {
        // Step 1: attStmt is CBOR of the syntax above (x5c, sig).
        var signature = AttestationStatement.ReadBytes(input.Statement, "sig").Span;
        var x5c = AttestationStatement.ReadCertificates(input.Statement, required: true)!;

        TwoFactorError? error;
        try
        {
            error = Check(input, x5c, signature);
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

        // Step 7: Basic or AttCA cannot be told apart without metadata; the trust path is x5c.
        return TwoFactorResult.Success(input.Result(AttestationType.BasicOrAttCA, x5c));
    }

    private static TwoFactorError? Check(in AttestationInput input, X509Certificate2[] x5c, ReadOnlySpan<byte> signature)
    {
        // Step 2: exactly one certificate, whose key is an EC key on P-256.
        if (x5c.Length != 1 || !AttestationCertificates.HasP256Key(x5c[0]))
        {
            return WebAuthnErrors.AttestationCertificateInvalid;
        }

        // Step 4: the credential key as raw ANSI X9.62: x and y must both be 32 bytes (a P-256 key).
        var key = input.CredentialPublicKey;
        if (key.KeyType != CoseKeyType.EC2 || key.EcParameters is not { } ec
            || ec.Q.X is not { Length: CoordinateLength } x || ec.Q.Y is not { Length: CoordinateLength } y)
        {
            return WebAuthnErrors.AttestationAlgorithmUnsupported;
        }

        // Step 5: verificationData = 0x00 || rpIdHash || clientDataHash || credentialId || publicKeyU2F.
        var rpIdHash = input.AuthenticatorData.RpIdHash.Span;
        var credentialId = input.Credential.CredentialId.Span;
        var data = new byte[1 + rpIdHash.Length + input.ClientDataHash.Length + credentialId.Length + 1 + (2 * CoordinateLength)];
        var offset = 1;
        rpIdHash.CopyTo(data.AsSpan(offset));
        offset += rpIdHash.Length;
        input.ClientDataHash.CopyTo(data.AsSpan(offset));
        offset += input.ClientDataHash.Length;
        credentialId.CopyTo(data.AsSpan(offset));
        offset += credentialId.Length;
        data[offset++] = 0x04;
        x.CopyTo(data, offset);
        y.CopyTo(data, offset + CoordinateLength);

        // Step 6: sig is an ECDSA P-256 / SHA-256 signature (DER) over verificationData by the certificate's key.
        return CertificateSignature.Verify(x5c[0], CoseAlgorithm.ES256, data, signature, DSASignatureFormat.Rfc3279DerSequence) == SignatureCheck.Valid
            ? null
            : WebAuthnErrors.AttestationInvalidSignature;
    }
}
