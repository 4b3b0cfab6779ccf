using System.Security.Cryptography;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>TPM_ALG_ID, TPM_ECC_CURVE and TPM_ST constants used by WebAuthn §8.3 (TPM 2.0 Part 2 §6).</summary>
internal static class TpmAlgorithms
{
    public const ushort Rsa = 0x0001;
    public const ushort Sha1 = 0x0004;
    public const ushort Sha256 = 0x000B;
    public const ushort Sha384 = 0x000C;
    public const ushort Sha512 = 0x000D;
    public const ushort Null = 0x0010;
    public const ushort RsaEs = 0x0015;
    public const ushort EcDaa = 0x001A;
    public const ushort Ecc = 0x0023;

    public const ushort EccNistP256 = 0x0003;
    public const ushort EccNistP384 = 0x0004;
    public const ushort EccNistP521 = 0x0005;

    /// <summary>TPM_GENERATED_VALUE: every TPMS_ATTEST the TPM itself produced starts with it.</summary>
    public const uint GeneratedValue = 0xFF544347;

    /// <summary>TPM_ST_ATTEST_CERTIFY: the structure tag of a TPM2_Certify result.</summary>
    public const ushort StAttestCertify = 0x8017;

    /// <summary>Maps a TPMI_ALG_HASH to .NET's hash name; <see langword="false"/> for hashes WebAuthn does not use.</summary>
    public static bool TryGetHash(ushort algorithm, out HashAlgorithmName hash)
    {
        hash = algorithm switch
        {
            Sha1 => HashAlgorithmName.SHA1,
            Sha256 => HashAlgorithmName.SHA256,
            Sha384 => HashAlgorithmName.SHA384,
            Sha512 => HashAlgorithmName.SHA512,
            _ => default,
        };
        return hash != default;
    }
}
