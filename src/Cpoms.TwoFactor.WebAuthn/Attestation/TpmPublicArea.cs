namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>
/// A parsed TPMT_PUBLIC (TPM 2.0 Part 2 §12.2.4): the credential public key as the TPM describes it, the
/// <c>pubArea</c> member of a WebAuthn §8.3 statement. Only RSA and ECC keys are accepted; any other object type,
/// a truncated structure or trailing bytes throw <see cref="AttestationFormatException"/>.
/// </summary>
internal sealed class TpmPublicArea
{
    private TpmPublicArea(ushort type, ushort nameAlg, uint objectAttributes)
    {
        Type = type;
        NameAlg = nameAlg;
        ObjectAttributes = objectAttributes;
    }

    /// <summary>TPMI_ALG_PUBLIC: <see cref="TpmAlgorithms.Rsa"/> or <see cref="TpmAlgorithms.Ecc"/>.</summary>
    public ushort Type { get; }

    /// <summary>The hash algorithm of the object's Name (TPMI_ALG_HASH).</summary>
    public ushort NameAlg { get; }

    /// <summary>TPMA_OBJECT bits. Not interpreted: WebAuthn §8.3 places no requirement on them.</summary>
    public uint ObjectAttributes { get; }

    /// <summary>RSA: the key size in bits (TPMS_RSA_PARMS.keyBits).</summary>
    public ushort RsaKeyBits { get; private init; }

    /// <summary>RSA: the public exponent; the TPM's 0 ("default") is already replaced by 65537.</summary>
    public uint RsaExponent { get; private init; }

    /// <summary>RSA: the modulus (TPM2B_PUBLIC_KEY_RSA), big-endian.</summary>
    public byte[] RsaModulus { get; private init; } = [];

    /// <summary>ECC: the curve (TPMI_ECC_CURVE).</summary>
    public ushort EccCurve { get; private init; }

    /// <summary>ECC: the point's x coordinate, big-endian.</summary>
    public byte[] EccX { get; private init; } = [];

    /// <summary>ECC: the point's y coordinate, big-endian.</summary>
    public byte[] EccY { get; private init; } = [];

    public static TpmPublicArea Parse(ReadOnlySpan<byte> pubArea)
    {
        var reader = new TpmReader(pubArea);
        var type = reader.ReadUInt16();
        var nameAlg = reader.ReadUInt16();
        var attributes = reader.ReadUInt32();
        reader.ReadSized(); // authPolicy (TPM2B_DIGEST): not used by WebAuthn §8.3.

        TpmPublicArea result;
        switch (type)
        {
            case TpmAlgorithms.Rsa:
            {
                // TPMS_RSA_PARMS: symmetric, scheme, keyBits, exponent.
                SkipSymmetric(ref reader);
                SkipScheme(ref reader);
                var keyBits = reader.ReadUInt16();
                var exponent = reader.ReadUInt32();
                var modulus = reader.ReadSized().ToArray();
                result = new TpmPublicArea(type, nameAlg, attributes)
                {
                    RsaKeyBits = keyBits,

                    // TPM 2.0 Part 2 §12.2.3.5: an exponent of zero means the default, 2^16 + 1.
                    RsaExponent = exponent == 0 ? 65537u : exponent,
                    RsaModulus = modulus,
                };
                break;
            }

            case TpmAlgorithms.Ecc:
            {
                // TPMS_ECC_PARMS: symmetric, scheme, curveID, kdf.
                SkipSymmetric(ref reader);
                SkipScheme(ref reader);
                var curve = reader.ReadUInt16();
                SkipKdf(ref reader);
                var x = reader.ReadSized().ToArray();
                var y = reader.ReadSized().ToArray();
                result = new TpmPublicArea(type, nameAlg, attributes) { EccCurve = curve, EccX = x, EccY = y };
                break;
            }

            default:
                throw new AttestationFormatException($"TPM pubArea has the unsupported object type 0x{type:X4}.");
        }

        reader.EnsureEnd("TPM pubArea");
        return result;
    }

    // TPMT_SYM_DEF_OBJECT: algorithm, then keyBits and mode unless the algorithm is TPM_ALG_NULL.
    private static void SkipSymmetric(ref TpmReader reader)
    {
        if (reader.ReadUInt16() != TpmAlgorithms.Null)
        {
            reader.ReadUInt16();
            reader.ReadUInt16();
        }
    }

    // TPMT_RSA_SCHEME / TPMT_ECC_SCHEME: scheme, then details: none for TPM_ALG_NULL and RSAES (TPMS_EMPTY),
    // hashAlg and count for ECDAA, hashAlg for every other scheme.
    private static void SkipScheme(ref TpmReader reader)
    {
        var scheme = reader.ReadUInt16();
        if (scheme is TpmAlgorithms.Null or TpmAlgorithms.RsaEs)
        {
            return;
        }

        reader.ReadUInt16();
        if (scheme == TpmAlgorithms.EcDaa)
        {
            reader.ReadUInt16();
        }
    }

    // TPMT_KDF_SCHEME: scheme, then hashAlg unless TPM_ALG_NULL.
    private static void SkipKdf(ref TpmReader reader)
    {
        if (reader.ReadUInt16() != TpmAlgorithms.Null)
        {
            reader.ReadUInt16();
        }
    }
}
