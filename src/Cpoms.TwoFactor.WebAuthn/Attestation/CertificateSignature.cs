using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>The outcome of checking a signature with a certificate's public key.</summary>
internal enum SignatureCheck
{
    Valid,
    Invalid,

    /// <summary>The algorithm is not supported for certificates, or does not fit the certificate's key type.</summary>
    AlgorithmUnsupported,
}

/// <summary>Verifies attestation signatures with an X.509 certificate's public key, by COSE algorithm (RFC 9053).</summary>
internal static class CertificateSignature
{
    /// <summary>
    /// Verifies <paramref name="signature"/> over <paramref name="data"/>. ECDSA signatures are DER
    /// (WebAuthn §6.5.5) unless <paramref name="ecdsaFormat"/> says otherwise (JWS uses IEEE P1363).
    /// EdDSA is not supported for attestation certificates: no shipped authenticator uses an Ed25519 attestation key.
    /// </summary>
    public static SignatureCheck Verify(
        X509Certificate2 certificate,
        CoseAlgorithm algorithm,
        ReadOnlySpan<byte> data,
        ReadOnlySpan<byte> signature,
        DSASignatureFormat ecdsaFormat = DSASignatureFormat.Rfc3279DerSequence)
    {
        switch (algorithm)
        {
            case CoseAlgorithm.ES256 or CoseAlgorithm.ES384 or CoseAlgorithm.ES512:
            {
                using var ecdsa = certificate.GetECDsaPublicKey();
                if (ecdsa is null)
                {
                    return SignatureCheck.AlgorithmUnsupported;
                }

                return ecdsa.VerifyData(data, signature, HashOf(algorithm), ecdsaFormat) ? SignatureCheck.Valid : SignatureCheck.Invalid;
            }

            case CoseAlgorithm.RS256 or CoseAlgorithm.RS384 or CoseAlgorithm.RS512 or CoseAlgorithm.RS1
                or CoseAlgorithm.PS256 or CoseAlgorithm.PS384 or CoseAlgorithm.PS512:
            {
                using var rsa = certificate.GetRSAPublicKey();
                if (rsa is null)
                {
                    return SignatureCheck.AlgorithmUnsupported;
                }

                var padding = algorithm is CoseAlgorithm.PS256 or CoseAlgorithm.PS384 or CoseAlgorithm.PS512
                    ? RSASignaturePadding.Pss
                    : RSASignaturePadding.Pkcs1;
                return rsa.VerifyData(data, signature, HashOf(algorithm), padding) ? SignatureCheck.Valid : SignatureCheck.Invalid;
            }

            default:
                return SignatureCheck.AlgorithmUnsupported;
        }
    }

    /// <summary>The hash a COSE signature algorithm uses; <see langword="false"/> for EdDSA and unknown values.</summary>
    public static bool TryGetHash(CoseAlgorithm algorithm, out HashAlgorithmName hash)
    {
        hash = HashOf(algorithm);
        return hash != default;
    }

    private static HashAlgorithmName HashOf(CoseAlgorithm algorithm) => algorithm switch
    {
        CoseAlgorithm.ES256 or CoseAlgorithm.RS256 or CoseAlgorithm.PS256 => HashAlgorithmName.SHA256,
        CoseAlgorithm.ES384 or CoseAlgorithm.RS384 or CoseAlgorithm.PS384 => HashAlgorithmName.SHA384,
        CoseAlgorithm.ES512 or CoseAlgorithm.RS512 or CoseAlgorithm.PS512 => HashAlgorithmName.SHA512,
        CoseAlgorithm.RS1 => HashAlgorithmName.SHA1,
        _ => default,
    };
}
