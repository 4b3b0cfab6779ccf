using System.Buffers.Binary;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

/// <summary>
/// Marshals TPM 2.0 structures for tests, written from TPM 2.0 Part 2 (big-endian, TPM2B = UINT16 size + bytes),
/// independently of the parser under test.
/// </summary>
internal sealed class TpmBuilder
{
    public const ushort AlgRsa = 0x0001;
    public const ushort AlgSha1 = 0x0004;
    public const ushort AlgSha256 = 0x000B;
    public const ushort AlgNull = 0x0010;
    public const ushort AlgEcdsa = 0x0018;
    public const ushort AlgEcc = 0x0023;
    public const ushort AlgAes = 0x0006;
    public const ushort AlgCfb = 0x0043;
    public const ushort CurveP256 = 0x0003;
    public const uint GeneratedValue = 0xFF544347;
    public const ushort StAttestCertify = 0x8017;
    public const ushort StAttestQuote = 0x8018;

    private readonly List<byte> _bytes = [];

    public TpmBuilder U16(ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        _bytes.AddRange(b.ToArray());
        return this;
    }

    public TpmBuilder U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        _bytes.AddRange(b.ToArray());
        return this;
    }

    public TpmBuilder U64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, value);
        _bytes.AddRange(b.ToArray());
        return this;
    }

    public TpmBuilder U8(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public TpmBuilder Sized(byte[] value)
    {
        U16((ushort)value.Length);
        _bytes.AddRange(value);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    /// <summary>TPMT_PUBLIC for an ECC key: symmetric NULL, scheme <paramref name="scheme"/>, kdf NULL.</summary>
    public static byte[] EccPublicArea(byte[] x, byte[] y, ushort curve = CurveP256, ushort nameAlg = AlgSha256, ushort scheme = AlgNull)
    {
        var builder = new TpmBuilder().U16(AlgEcc).U16(nameAlg).U32(0x00060472).Sized([]).U16(AlgNull).U16(scheme);
        if (scheme != AlgNull)
        {
            builder.U16(AlgSha256);
        }

        return builder.U16(curve).U16(AlgNull).Sized(x).Sized(y).ToArray();
    }

    /// <summary>TPMT_PUBLIC for an RSA key: symmetric <paramref name="symmetric"/>, scheme NULL, exponent 0 (= 65537).</summary>
    public static byte[] RsaPublicArea(byte[] modulus, uint exponent = 0, ushort nameAlg = AlgSha256, ushort symmetric = AlgNull)
    {
        var builder = new TpmBuilder().U16(AlgRsa).U16(nameAlg).U32(0x00060472).Sized(new byte[32]).U16(symmetric);
        if (symmetric != AlgNull)
        {
            builder.U16(128).U16(AlgCfb);
        }

        return builder.U16(AlgNull).U16((ushort)(modulus.Length * 8)).U32(exponent).Sized(modulus).ToArray();
    }

    /// <summary>TPMS_ATTEST with TPMS_CERTIFY_INFO.</summary>
    public static byte[] CertInfo(byte[] extraData, byte[] attestedName, uint magic = GeneratedValue, ushort type = StAttestCertify) =>
        new TpmBuilder().U32(magic).U16(type).Sized([0x00, 0x0B, 1, 2, 3]).Sized(extraData)
            .U64(0x1122334455667788).U32(7).U32(8).U8(1).U64(0x0102030405060708)
            .Sized(attestedName).Sized([0x00, 0x0B, 9, 9]).ToArray();
}
