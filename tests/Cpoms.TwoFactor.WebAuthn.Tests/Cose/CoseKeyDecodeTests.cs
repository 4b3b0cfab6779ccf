using System.Security.Cryptography;
using Cpoms.TwoFactor.WebAuthn.Cbor;
using Cpoms.TwoFactor.WebAuthn.Cose;
using Cpoms.TwoFactor.WebAuthn.Tests.Cbor;
using static Cpoms.TwoFactor.WebAuthn.Tests.Cose.CoseTestKeys;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Cose;

/// <summary>The consistency rules of <see cref="CoseKey.Decode"/>, one rejected case each.</summary>
public sealed class CoseKeyDecodeTests
{
    private static readonly ECDsa P256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly ECDsa P384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private static readonly ECDsa P521 = ECDsa.Create(ECCurve.NamedCurves.nistP521);
    private static readonly RSA Rsa2048 = RSA.Create(2048);
    private static readonly byte[] Rfc8032Key = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

    private static CoseKeyFormatException Reject(params (long, CborNode)[] parameters) =>
        Assert.Throws<CoseKeyFormatException>(() => CoseKey.Decode(Encode(parameters)));

    [Theory]
    [InlineData(-7, 1, CoseAlgorithm.ES256)]
    [InlineData(-35, 2, CoseAlgorithm.ES384)]
    [InlineData(-36, 3, CoseAlgorithm.ES512)]
    public void Decode_ValidEc2Key_ExposesCurveAndPoint(int alg, int crv, CoseAlgorithm expected)
    {
        var ecdsa = crv switch { 1 => P256, 2 => P384, _ => P521 };
        var q = ecdsa.ExportParameters(false).Q;

        using var key = CoseKey.Decode(Encode(Ec2(ecdsa, alg, crv)));

        Assert.Equal(expected, key.Algorithm);
        Assert.Equal(CoseKeyType.EC2, key.KeyType);
        Assert.Equal(q.X, key.EcParameters!.Value.Q.X);
        Assert.Equal(q.Y, key.EcParameters!.Value.Q.Y);
        Assert.Null(key.RsaParameters);
    }

    [Theory]
    [InlineData(-257, CoseAlgorithm.RS256)]
    [InlineData(-258, CoseAlgorithm.RS384)]
    [InlineData(-259, CoseAlgorithm.RS512)]
    [InlineData(-37, CoseAlgorithm.PS256)]
    [InlineData(-38, CoseAlgorithm.PS384)]
    [InlineData(-39, CoseAlgorithm.PS512)]
    [InlineData(-65535, CoseAlgorithm.RS1)]
    public void Decode_ValidRsaKey_ExposesModulusAndExponent(int alg, CoseAlgorithm expected)
    {
        var p = Rsa2048.ExportParameters(false);

        using var key = CoseKey.Decode(Encode(Rsa(Rsa2048, alg)));

        Assert.Equal(expected, key.Algorithm);
        Assert.Equal(CoseKeyType.RSA, key.KeyType);
        Assert.Equal(p.Modulus, key.RsaParameters!.Value.Modulus);
        Assert.Equal(p.Exponent, key.RsaParameters!.Value.Exponent);
        Assert.Null(key.EcParameters);
    }

    [Fact]
    public void Decode_CopiesInput_SoLaterChangesDoNotAffectTheKey()
    {
        var bytes = Encode(Ec2(P256, -7, 1));
        using var key = CoseKey.Decode(bytes);
        var copy = bytes.ToArray();

        bytes[^1] ^= 0xff;

        Assert.Equal(copy, key.Encoded.ToArray());
    }

    [Fact]
    public void EcParameters_ReturnsACopy_ThatCannotChangeTheKey()
    {
        using var key = CoseKey.Decode(Encode(Ec2(P256, -7, 1)));
        var original = key.EcParameters!.Value.Q.X!.ToArray();

        key.EcParameters!.Value.Q.X![0] ^= 0xff;

        Assert.Equal(original, key.EcParameters!.Value.Q.X);
    }

    [Theory]
    [InlineData(-7, 2)]
    [InlineData(-7, 3)]
    [InlineData(-35, 1)]
    [InlineData(-36, 2)]
    public void Decode_Ec2CurveNotMatchingAlgorithm_Throws(int alg, int crv)
    {
        var ecdsa = crv switch { 1 => P256, 2 => P384, _ => P521 };

        var ex = Reject(Ec2(ecdsa, alg, crv));

        Assert.Contains("does not match algorithm", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Ec2XOfWrongLength_Throws()
    {
        var q = P256.ExportParameters(false).Q;

        var ex = Reject(Ec2(-7, 1, q.X![1..], q.Y!));

        Assert.Contains("must each be 32 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Ec2YWithLeadingZeroByte_Throws()
    {
        var q = P256.ExportParameters(false).Q;

        var ex = Reject(Ec2(-7, 1, q.X!, [0, .. q.Y!]));

        Assert.Contains("must each be 32 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Ec2PointOffCurve_Throws()
    {
        var q = P256.ExportParameters(false).Q;
        var y = q.Y!.ToArray();
        y[^1] ^= 1;

        var ex = Reject(Ec2(-7, 1, q.X!, y));

        Assert.Contains("not on the curve", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Ec2PointAtInfinityAsZeroes_Throws()
    {
        var ex = Reject(Ec2(-7, 1, new byte[32], new byte[32]));

        Assert.Contains("not on the curve", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Ec2CoordinateNotBelowPrime_Throws()
    {
        // x = p (P-256 prime) reduces to 0 mod p; such a coordinate is out of range even if the equation held mod p.
        var p = Convert.FromHexString("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
        var y = Convert.FromHexString("66485c780e2f83d72433bd5d84a06bb6541c2af31dae871728bf856a174f93f4"); // b^((p+1)/4) mod p, computed with Python: (0, y) is on P-256

        var ex = Reject(Ec2(-7, 1, p, y));

        Assert.Contains("not on the curve", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Ec2CompressedPoint_Throws()
    {
        var q = P256.ExportParameters(false).Q;

        var ex = Reject(Ec2(-7, 1, q.X!, q.Y!).With(-3, new CborNode.Simple(21)));

        Assert.Contains("compressed points", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(3L)]
    [InlineData(-1L)]
    [InlineData(-2L)]
    [InlineData(-3L)]
    public void Decode_Ec2MissingParameter_Throws(long label)
    {
        var ex = Reject(Ec2(P256, -7, 1).Without(label));

        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(-2L)]
    public void Decode_RsaMissingParameter_Throws(long label)
    {
        var ex = Reject(Rsa(Rsa2048, -257).Without(label));

        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-999)]
    [InlineData(-8)]
    [InlineData(-257)]
    [InlineData(-47)] // ES256K
    public void Decode_Ec2UnknownOrForeignAlgorithm_Throws(int alg)
    {
        var ex = Reject(Ec2(P256, alg, 1));

        Assert.Contains("is not valid for an EC2 key", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-7)]
    [InlineData(-1000)]
    public void Decode_RsaUnknownOrForeignAlgorithm_Throws(int alg)
    {
        var ex = Reject(Rsa(Rsa2048, alg));

        Assert.Contains("is not valid for an RSA key", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)] // symmetric
    [InlineData(5)] // HSS-LMS
    public void Decode_UnsupportedKeyType_Throws(int kty)
    {
        var ex = Reject(Ec2(P256, -7, 1).With(1, Int(kty)));

        Assert.Contains("is not supported", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_KeyTypeAsText_Throws()
    {
        var ex = Reject(Ec2(P256, -7, 1).With(1, new CborNode.Text("EC2")));

        Assert.Contains("must be an integer", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2L)] // kid
    [InlineData(4L)] // key_ops
    [InlineData(-4L)] // d: private key
    [InlineData(99L)] // unknown
    public void Decode_Ec2ExtraParameter_Throws(long label)
    {
        var ex = Reject(Ec2(P256, -7, 1).With(label, Bytes([1, 2, 3])));

        Assert.Contains("is not allowed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RsaPrivateExponent_Throws()
    {
        var ex = Reject(Rsa(Rsa2048, -257).With(-3, Bytes([1, 2, 3])));

        Assert.Contains("is not allowed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TextLabel_Throws()
    {
        var parameters = Ec2(P256, -7, 1).Select(p => ((CborNode)new CborNode.Int(p.Item1), p.Item2)).Append((new CborNode.Text("kid"), Bytes([1])));
        var bytes = TestCborEncoder.Encode(new CborNode.Map([.. parameters]));

        var ex = Assert.Throws<CoseKeyFormatException>(() => CoseKey.Decode(bytes));

        Assert.Contains("non-integer label", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Rsa1024BitModulus_Throws()
    {
        using var small = RSA.Create(1024);

        var ex = Reject(Rsa(small, -257));

        Assert.Contains("1024 bits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RsaModulusAbove16384Bits_Throws()
    {
        var n = new byte[2049];
        n[0] = 1;
        n[^1] = 1;

        var ex = Reject(Rsa(-257, n, [1, 0, 1]));

        Assert.Contains("16385 bits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RsaEvenModulus_Throws()
    {
        var n = Rsa2048.ExportParameters(false).Modulus!.ToArray();
        n[^1] &= 0xfe;

        var ex = Reject(Rsa(-257, n, [1, 0, 1]));

        Assert.Contains("modulus is even", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 0 })] // 65536: even
    [InlineData(new byte[] { 4 })] // even
    [InlineData(new byte[] { 1 })] // 1
    [InlineData(new byte[] { 0 })] // 0
    [InlineData(new byte[] { 1, 0, 0, 0, 1 })] // 2^32 + 1: too large
    public void Decode_RsaBadExponent_Throws(byte[] exponent)
    {
        var ex = Reject(Rsa(-257, Rsa2048.ExportParameters(false).Modulus!, exponent));

        Assert.Contains("public exponent must be odd", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RsaExponent3_IsAccepted()
    {
        using var key = CoseKey.Decode(Encode(Rsa(-257, Rsa2048.ExportParameters(false).Modulus!, [3])));

        Assert.Equal([3], key.RsaParameters!.Value.Exponent);
    }

    [Fact]
    public void Decode_RsaModulusWithLeadingZero_IsNormalised()
    {
        var n = Rsa2048.ExportParameters(false).Modulus!;

        using var key = CoseKey.Decode(Encode(Rsa(-257, [0, .. n], [1, 0, 1])));

        Assert.Equal(n, key.RsaParameters!.Value.Modulus);
    }

    [Fact]
    public void Decode_ValidOkpKey_ExposesRawKey()
    {
        // RFC 8032 §7.1 test 1 public key.
        var x = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

        using var key = CoseKey.Decode(Encode(Okp(-8, 6, x)));

        Assert.Equal(CoseKeyType.OKP, key.KeyType);
        Assert.Equal(CoseAlgorithm.EdDSA, key.Algorithm);
        Assert.Equal(x, key.OkpPublicKey.ToArray());
        Assert.Null(key.EcParameters);
        Assert.Null(key.RsaParameters);
    }

    [Theory]
    [InlineData(4)] // X25519
    [InlineData(5)] // X448
    [InlineData(7)] // Ed448
    [InlineData(1)] // P-256 is not an OKP curve
    public void Decode_OkpWrongCurve_Throws(int crv)
    {
        var ex = Reject(Okp(-8, crv, Rfc8032Key));

        Assert.Contains("only 6 (Ed25519)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-7)]
    [InlineData(-257)]
    public void Decode_OkpWrongAlgorithm_Throws(int alg)
    {
        var ex = Reject(Okp(alg, 6, Rfc8032Key));

        Assert.Contains("is not valid for an OKP key", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(0)]
    public void Decode_OkpXOfWrongLength_Throws(int length)
    {
        var ex = Reject(Okp(-8, 6, new byte[length]));

        Assert.Contains("must be 32 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")] // identity (small order)
    [InlineData("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y = p: non-canonical
    public void Decode_OkpInvalidPoint_Throws(string hex)
    {
        var ex = Reject(Okp(-8, 6, Convert.FromHexString(hex)));

        Assert.Contains("not a valid Ed25519 public key", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(-2L)]
    [InlineData(3L)]
    public void Decode_OkpMissingParameter_Throws(long label)
    {
        var ex = Reject(Okp(-8, 6, Rfc8032Key).Without(label));

        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OkpWithY_Throws()
    {
        var ex = Reject(Okp(-8, 6, Rfc8032Key).With(-3, Bytes(new byte[32])));

        Assert.Contains("is not allowed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NotAMap_Throws()
    {
        var ex = Assert.Throws<CoseKeyFormatException>(() => CoseKey.Decode(TestCborEncoder.Encode(new CborNode.Array([]))));

        Assert.Contains("not a CBOR map", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NonCanonicalKeyOrder_ThrowsCborFormatException()
    {
        // {3: -7, 1: 2, ...}: alg before kty is well-formed but not CTAP2 canonical (WebAuthn §6.5.1.1).
        var canonical = Encode(Ec2(P256, -7, 1));
        var swapped = new byte[canonical.Length];
        swapped[0] = canonical[0];
        canonical.AsSpan(3, 2).CopyTo(swapped.AsSpan(1)); // 03 26
        canonical.AsSpan(1, 2).CopyTo(swapped.AsSpan(3)); // 01 02
        canonical.AsSpan(5).CopyTo(swapped.AsSpan(5));

        var ex = Assert.Throws<CborFormatException>(() => CoseKey.Decode(swapped));

        Assert.Contains("canonical order", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TrailingBytes_ThrowsCborFormatException()
    {
        byte[] bytes = [.. Encode(Ec2(P256, -7, 1)), 0];

        Assert.Throws<CborFormatException>(() => CoseKey.Decode(bytes));
    }
}
