using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>
/// WebAuthn §8.3 TPM attestation: the TPM certified the credential key (<c>pubArea</c>) with an attestation identity
/// key whose certificate (<c>x5c</c>, §8.3.1) chains to the TPM vendor.
/// </summary>
internal static class TpmAttestationFormat
{
    public const string Format = "tpm";

    public static TwoFactorResult<AttestationVerificationResult> Verify(in AttestationInput input)
    {
        // Step 1: attStmt is CBOR of the syntax above (ver, alg, x5c, sig, certInfo, pubArea).
        // ecdaaKeyId (Level 1) is no longer part of the format; x5c is required.
        if (AttestationStatement.ReadText(input.Statement, "ver") != "2.0")
        {
            return WebAuthnErrors.AttestationTpmInvalid;
        }

        var algorithm = AttestationStatement.ReadAlgorithm(input.Statement);
        var signature = AttestationStatement.ReadBytes(input.Statement, "sig").Span;
        var certInfoBytes = AttestationStatement.ReadBytes(input.Statement, "certInfo").Span;
        var pubAreaBytes = AttestationStatement.ReadBytes(input.Statement, "pubArea").Span;
        var pubArea = TpmPublicArea.Parse(pubAreaBytes);
        var certInfo = TpmAttestation.Parse(certInfoBytes);
        var x5c = AttestationStatement.ReadCertificates(input.Statement, required: true)!;

        TwoFactorError? error;
        try
        {
            error = Check(input, x5c[0], algorithm, signature, certInfoBytes, certInfo, pubAreaBytes, pubArea);
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

        // Return AttCA with x5c as the trust path.
        return TwoFactorResult.Success(input.Result(AttestationType.AttCA, x5c));
    }

    private static TwoFactorError? Check(
        in AttestationInput input,
        X509Certificate2 aikCertificate,
        CoseAlgorithm algorithm,
        ReadOnlySpan<byte> signature,
        ReadOnlySpan<byte> certInfoBytes,
        TpmAttestation certInfo,
        ReadOnlySpan<byte> pubAreaBytes,
        TpmPublicArea pubArea)
    {
        // Step 2: the key in pubArea's parameters and unique fields is the credential public key.
        if (!PublicAreaMatches(pubArea, input.CredentialPublicKey))
        {
            return WebAuthnErrors.AttestationPublicKeyMismatch;
        }

        // Step 4: aikCert meets §8.3.1, and its id-fido-gen-ce-aaguid extension, if any, matches authenticatorData.
        if (!AttestationCertificates.MeetsTpmAikRequirements(aikCertificate))
        {
            return WebAuthnErrors.AttestationCertificateInvalid;
        }

        if (!AttestationCertificates.AaguidExtensionMatches(aikCertificate, input.Credential.AaguidBytes.Span))
        {
            return WebAuthnErrors.AttestationAaguidMismatch;
        }

        // Step 4: sig is a valid signature over certInfo by the attestation public key in aikCert with alg.
        // sig is read as the bare signature (RSA bytes, or DER for ECDSA), as TPM authenticators and the W3C test
        // vector send it, not as a marshalled TPMT_SIGNATURE.
        switch (CertificateSignature.Verify(aikCertificate, algorithm, certInfoBytes, signature))
        {
            case SignatureCheck.AlgorithmUnsupported:
                return WebAuthnErrors.AttestationAlgorithmUnsupported;
            case SignatureCheck.Invalid:
                return WebAuthnErrors.AttestationInvalidSignature;
        }

        // Step 4, certInfo: magic is TPM_GENERATED_VALUE and type is TPM_ST_ATTEST_CERTIFY.
        if (certInfo.Magic != TpmAlgorithms.GeneratedValue || certInfo.Type != TpmAlgorithms.StAttestCertify)
        {
            return WebAuthnErrors.AttestationTpmInvalid;
        }

        // Step 3 and 4: extraData is the hash of attToBeSigned (authenticatorData || clientDataHash) with alg's hash.
        if (!CertificateSignature.TryGetHash(algorithm, out var hash))
        {
            return WebAuthnErrors.AttestationAlgorithmUnsupported;
        }

        var expectedExtraData = HashData(hash, input.SignedData());
        if (!certInfo.ExtraData.AsSpan().SequenceEqual(expectedExtraData))
        {
            return WebAuthnErrors.AttestationTpmInvalid;
        }

        // Step 4: attested.name is pubArea's Name: nameAlg (UINT16) || H_nameAlg(pubArea) (TPM 2.0 Part 1 §16).
        // qualifiedSigner, clockInfo and firmwareVersion are ignored, as §8.3 allows.
        if (!TpmAlgorithms.TryGetHash(pubArea.NameAlg, out var nameHash))
        {
            return WebAuthnErrors.AttestationTpmInvalid;
        }

        var digest = HashData(nameHash, pubAreaBytes);
        var name = new byte[2 + digest.Length];
        BinaryPrimitives.WriteUInt16BigEndian(name, pubArea.NameAlg);
        digest.CopyTo(name, 2);
        if (certInfo.AttestedName is not { } attestedName || !attestedName.AsSpan().SequenceEqual(name))
        {
            return WebAuthnErrors.AttestationTpmInvalid;
        }

        return null;
    }

    /// <summary>Compares pubArea's key with the COSE credential key: RSA modulus and exponent, or ECC curve and point.</summary>
    internal static bool PublicAreaMatches(TpmPublicArea pubArea, CoseKey key)
    {
        switch (pubArea.Type)
        {
            case TpmAlgorithms.Rsa when key.KeyType == CoseKeyType.RSA && key.RsaParameters is { } rsa:
            {
                Span<byte> exponent = stackalloc byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(exponent, pubArea.RsaExponent);
                return UnsignedEquals(pubArea.RsaModulus, rsa.Modulus) && UnsignedEquals(exponent, rsa.Exponent);
            }

            case TpmAlgorithms.Ecc when key.KeyType == CoseKeyType.EC2 && key.EcParameters is { } ec:
            {
                var curveOid = pubArea.EccCurve switch
                {
                    TpmAlgorithms.EccNistP256 => "1.2.840.10045.3.1.7",
                    TpmAlgorithms.EccNistP384 => "1.3.132.0.34",
                    TpmAlgorithms.EccNistP521 => "1.3.132.0.35",
                    _ => null,
                };
                return curveOid is not null
                    && ec.Curve.Oid?.Value == curveOid
                    && UnsignedEquals(pubArea.EccX, ec.Q.X)
                    && UnsignedEquals(pubArea.EccY, ec.Q.Y);
            }

            default:
                return false;
        }
    }

    // Big-endian unsigned integers compared by value: leading zero bytes do not matter.
    private static bool UnsignedEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        left.TrimStart((byte)0).SequenceEqual(right.TrimStart((byte)0));

    private static byte[] HashData(HashAlgorithmName hash, ReadOnlySpan<byte> data) => CryptographicOperations.HashData(hash, data);
}
