using System.Numerics;
using Cpoms.TwoFactor.WebAuthn.Cryptography;
using Verifier = Cpoms.TwoFactor.WebAuthn.Cryptography.Ed25519;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ed25519;

/// <summary>RFC 8032 §7.1 vectors, bit flips, and the strict rejections (RFC 8032 §5.1.3, §5.1.7).</summary>
public sealed class Ed25519VerifyTests
{
    /// <summary>
    /// The 8 points of small order (order 1, 2, 4, 8), canonical encodings, computed from the curve equation:
    /// (0, 1), (0, -1), (±sqrt(-1), 0) and the four points (±x, ±y) with x² = -y², d·y⁴ + 2·y² - 1 = 0.
    /// </summary>
    public static TheoryData<string> SmallOrderCanonical => new(SmallOrderCanonicalHex);

    internal static string[] SmallOrderCanonicalHex =>
    [
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    ];

    /// <summary>
    /// Other encodings a lax decoder maps to small-order points: y = p (≡ 0, the order-4 points), y = p + 1
    /// (≡ 1, the identity), and x = 0 with the sign bit set for y = 1 and y = -1.
    /// </summary>
    public static TheoryData<string> SmallOrderNonCanonical => new(
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "0100000000000000000000000000000000000000000000000000000000000080",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");

    public static TheoryData<string> VectorNames => new(Rfc8032Vector.All.Select(vector => vector.Name));

    /// <summary>Message bits to flip: first, last of the first byte, last bit of the message (TEST 1 has no message).</summary>
    public static TheoryData<string, int> MessageBits
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var vector in Rfc8032Vector.All.Where(vector => vector.Message.Length > 0))
            {
                foreach (var bit in new[] { 0, 7, (vector.Message.Length * 4) - 1 }.Distinct())
                {
                    data.Add(vector.Name, bit);
                }
            }

            return data;
        }
    }

    /// <summary>Signature bits: R low bit, R's top y bit, R's sign bit, S low bit, an S middle bit, S's top bit.</summary>
    public static TheoryData<string, int> SignatureBits
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var vector in Rfc8032Vector.All)
            {
                foreach (var bit in new[] { 0, 254, 255, 256, 384, 511 })
                {
                    data.Add(vector.Name, bit);
                }
            }

            return data;
        }
    }

    public static TheoryData<string, int> PublicKeyBits
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var vector in Rfc8032Vector.All)
            {
                foreach (var bit in new[] { 0, 100, 254, 255 })
                {
                    data.Add(vector.Name, bit);
                }
            }

            return data;
        }
    }

    /// <summary>y = p + k for k = 0 … 18 (every value in [p, 2^255 - 1]), with either sign bit.</summary>
    public static TheoryData<int, bool> NonCanonicalY
    {
        get
        {
            var data = new TheoryData<int, bool>();
            for (var k = 0; k <= 18; k++)
            {
                data.Add(k, false);
                data.Add(k, true);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Verify_AcceptsRfc8032Vector(string name)
    {
        var vector = Rfc8032Vector.Named(name);

        Assert.True(Verifier.Verify(vector.PublicKeyBytes, vector.MessageBytes, vector.SignatureBytes));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void PublicKeyVerify_AcceptsRfc8032VectorRepeatedly(string name)
    {
        var vector = Rfc8032Vector.Named(name);

        Assert.True(Ed25519PublicKey.TryImport(vector.PublicKeyBytes, out var key));
        Assert.True(key.Verify(vector.MessageBytes, vector.SignatureBytes));
        Assert.True(key.Verify(vector.MessageBytes, vector.SignatureBytes));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Reference_ReproducesRfc8032Vector(string name)
    {
        // The test-only reference signer must itself match the RFC before its signatures are trusted.
        var vector = Rfc8032Vector.Named(name);

        Assert.Equal(vector.PublicKey, Convert.ToHexStringLower(Ed25519Reference.PublicKey(vector.SecretKeyBytes)));
        Assert.Equal(vector.Signature, Convert.ToHexStringLower(Ed25519Reference.Sign(vector.SecretKeyBytes, vector.MessageBytes)));
    }

    [Theory]
    [MemberData(nameof(MessageBits))]
    public void Verify_RejectsFlippedMessageBit(string name, int bit)
    {
        var vector = Rfc8032Vector.Named(name);
        var message = FlipBit(vector.MessageBytes, bit);

        Assert.False(Verifier.Verify(vector.PublicKeyBytes, message, vector.SignatureBytes));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Verify_RejectsMessageWithAppendedByte(string name)
    {
        var vector = Rfc8032Vector.Named(name);
        byte[] message = [.. vector.MessageBytes, 0];

        Assert.False(Verifier.Verify(vector.PublicKeyBytes, message, vector.SignatureBytes));
    }

    [Theory]
    [MemberData(nameof(SignatureBits))]
    public void Verify_RejectsFlippedSignatureBit(string name, int bit)
    {
        var vector = Rfc8032Vector.Named(name);
        var signature = FlipBit(vector.SignatureBytes, bit);

        Assert.False(Verifier.Verify(vector.PublicKeyBytes, vector.MessageBytes, signature));
    }

    [Theory]
    [MemberData(nameof(PublicKeyBits))]
    public void Verify_RejectsFlippedPublicKeyBit(string name, int bit)
    {
        var vector = Rfc8032Vector.Named(name);
        var publicKey = FlipBit(vector.PublicKeyBytes, bit);

        Assert.False(Verifier.Verify(publicKey, vector.MessageBytes, vector.SignatureBytes));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Verify_RejectsSPlusL(string name)
    {
        // RFC 8032 §5.1.7 step 1: S must be below L. S + L satisfies the group equation ([L]B is the identity),
        // so only the range check stops this malleated copy of a valid signature.
        var vector = Rfc8032Vector.Named(name);
        var signature = vector.SignatureBytes;
        var s = Ed25519Reference.FromLittleEndian(signature.AsSpan(32)) + Ed25519Reference.L;
        Ed25519Reference.ToLittleEndian(s, 32).CopyTo(signature, 32);

        Assert.False(Verifier.Verify(vector.PublicKeyBytes, vector.MessageBytes, signature));
    }

    [Fact]
    public void Verify_RejectsSEqualToL()
    {
        var vector = Rfc8032Vector.Named("TEST 1");
        var signature = vector.SignatureBytes;
        Ed25519Reference.ToLittleEndian(Ed25519Reference.L, 32).CopyTo(signature, 32);

        Assert.False(Verifier.Verify(vector.PublicKeyBytes, vector.MessageBytes, signature));
    }

    [Fact]
    public void Verify_RejectsSOfAllOnes()
    {
        var vector = Rfc8032Vector.Named("TEST 2");
        var signature = vector.SignatureBytes;
        signature.AsSpan(32).Fill(0xFF);

        Assert.False(Verifier.Verify(vector.PublicKeyBytes, vector.MessageBytes, signature));
    }

    [Theory]
    [MemberData(nameof(NonCanonicalY))]
    public void TryImport_RejectsNonCanonicalY(int k, bool signBit)
    {
        var encoded = NonCanonicalEncoding(k, signBit);

        Assert.False(Ed25519PublicKey.TryImport(encoded, out var key));
        Assert.Null(key);
    }

    [Theory]
    [MemberData(nameof(NonCanonicalY))]
    public void Verify_RejectsNonCanonicalR(int k, bool signBit)
    {
        var vector = Rfc8032Vector.Named("TEST 3");
        var signature = vector.SignatureBytes;
        NonCanonicalEncoding(k, signBit).CopyTo(signature, 0);

        Assert.False(Verifier.Verify(vector.PublicKeyBytes, vector.MessageBytes, signature));
    }

    [Fact]
    public void Verify_RejectsNonCanonicalIdentityRThatSatisfiesTheEquation()
    {
        // R = y = p + 1, a non-canonical encoding of the identity; S = k·s makes [S]B - [k]A the identity, so a
        // verifier that reduced y mod p and compared points would accept.
        var seed = Rfc8032Vector.Named("TEST 1").SecretKeyBytes;
        var message = "forged"u8.ToArray();
        var signature = SignatureWithChosenR(seed, message, NonCanonicalEncoding(1, signBit: false));

        Assert.False(Verifier.Verify(Ed25519Reference.PublicKey(seed), message, signature));
    }

    [Fact]
    public void Verify_RejectsSmallOrderRThatSatisfiesTheEquation()
    {
        // R = the canonical identity, S = k·s: the equation [S]B = R + [k]A holds, R has order 1.
        var seed = Rfc8032Vector.Named("TEST 2").SecretKeyBytes;
        var message = "forged"u8.ToArray();
        var signature = SignatureWithChosenR(seed, message, Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000"));

        Assert.False(Verifier.Verify(Ed25519Reference.PublicKey(seed), message, signature));
    }

    [Fact]
    public void SignatureWithChosenR_SatisfiesTheGroupEquation()
    {
        // Guards the two tests above: their forged signatures really pass the bare equation, so the rejection
        // comes from the canonical-encoding and small-order rules, not from a broken forgery.
        var seed = Rfc8032Vector.Named("TEST 2").SecretKeyBytes;
        var message = "forged"u8.ToArray();
        var encodedR = Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000");
        var signature = SignatureWithChosenR(seed, message, encodedR);
        var publicKey = Ed25519Reference.PublicKey(seed);
        Assert.True(Ed25519Reference.TryDecode(publicKey, out var a));
        var k = Ed25519Reference.HashToScalar(encodedR, publicKey, message);

        var left = Ed25519Reference.Multiply(Ed25519Reference.FromLittleEndian(signature.AsSpan(32)), Ed25519Reference.B);
        var right = Ed25519Reference.Add(Ed25519Reference.Identity, Ed25519Reference.Multiply(k, a));

        Assert.True(Ed25519Reference.AreEqual(left, right));
    }

    [Fact]
    public void Verify_RejectsRWithSmallOrderComponent()
    {
        // R2 = [r]B + T with T = (0, -1) of order 2, and S2 = r + k2·s for k2 = H(R2 || A || M). Then
        // [S2]B - [k2]A = [r]B ≠ R2, but [8]([S2]B - [k2]A) = [8]R2: the cofactored equation holds, the
        // cofactorless one (the variant chosen, see Ed25519PublicKey) does not.
        var seed = Rfc8032Vector.Named("TEST 3").SecretKeyBytes;
        var message = "mixed-order R"u8.ToArray();
        var s = Ed25519Reference.SecretScalar(seed);
        var publicKey = Ed25519Reference.PublicKey(seed);
        var r = Ed25519Reference.HashToScalar(message, [1, 2, 3]);
        Assert.True(Ed25519Reference.TryDecode(Convert.FromHexString("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), out var orderTwo));
        var encodedR2 = Ed25519Reference.Encode(Ed25519Reference.Add(Ed25519Reference.Multiply(r, Ed25519Reference.B), orderTwo));
        var k2 = Ed25519Reference.HashToScalar(encodedR2, publicKey, message);
        byte[] signature = [.. encodedR2, .. Ed25519Reference.ToLittleEndian((r + (k2 * s)) % Ed25519Reference.L, 32)];

        Assert.False(Verifier.Verify(publicKey, message, signature));
    }

    [Theory]
    [MemberData(nameof(SmallOrderCanonical))]
    public void Reference_ConfirmsSmallOrderPoint(string encoded)
    {
        Assert.True(Ed25519Reference.TryDecode(Convert.FromHexString(encoded), out var point));
        Assert.True(Ed25519Reference.IsSmallOrder(point));
    }

    [Theory]
    [MemberData(nameof(SmallOrderCanonical))]
    [MemberData(nameof(SmallOrderNonCanonical))]
    public void TryImport_RejectsSmallOrderPoint(string encoded)
    {
        Assert.False(Ed25519PublicKey.TryImport(Convert.FromHexString(encoded), out _));
    }

    [Theory]
    [MemberData(nameof(SmallOrderCanonical))]
    public void Verify_RejectsSmallOrderKey(string encoded)
    {
        var vector = Rfc8032Vector.Named("TEST 2");
        byte[] signature = [.. Ed25519Reference.Encode(Ed25519Reference.B), 1, .. new byte[31]];

        Assert.False(Verifier.Verify(Convert.FromHexString(encoded), vector.MessageBytes, signature));
    }

    [Fact]
    public void Verify_RejectsForgeryUnderIdentityKey()
    {
        // With A the identity, [k]A vanishes: R = B, S = 1 satisfies [S]B = R + [k]A for every message,
        // without any secret. Only the small-order rule stops it.
        var message = "no secret needed"u8.ToArray();
        var publicKey = Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000");
        Assert.True(Ed25519Reference.TryDecode(publicKey, out var a));
        var encodedR = Ed25519Reference.Encode(Ed25519Reference.B);
        var k = Ed25519Reference.HashToScalar(encodedR, publicKey, message);
        Assert.True(Ed25519Reference.AreEqual(Ed25519Reference.B, Ed25519Reference.Add(Ed25519Reference.B, Ed25519Reference.Multiply(k, a))));
        byte[] signature = [.. encodedR, 1, .. new byte[31]];

        Assert.False(Verifier.Verify(publicKey, message, signature));
    }

    [Fact]
    public void TryImport_AcceptsMixedOrderKey()
    {
        // A + T with T of order 2 is not of small order; RFC 8032 decoding accepts it and so do we (documented).
        var a = Ed25519Reference.Multiply(Ed25519Reference.SecretScalar(Rfc8032Vector.Named("TEST 1").SecretKeyBytes), Ed25519Reference.B);
        Assert.True(Ed25519Reference.TryDecode(Convert.FromHexString("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), out var orderTwo));
        var mixed = Ed25519Reference.Encode(Ed25519Reference.Add(a, orderTwo));

        Assert.True(Ed25519PublicKey.TryImport(mixed, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Verify_RejectsPublicKeyOfLength(int length)
    {
        var vector = Rfc8032Vector.Named("TEST 2");
        var publicKey = new byte[length];
        vector.PublicKeyBytes.AsSpan(0, Math.Min(length, 32)).CopyTo(publicKey);

        Assert.False(Verifier.Verify(publicKey, vector.MessageBytes, vector.SignatureBytes));
        Assert.False(Ed25519PublicKey.TryImport(publicKey, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(128)]
    public void Verify_RejectsSignatureOfLength(int length)
    {
        var vector = Rfc8032Vector.Named("TEST 2");
        var signature = new byte[length];
        vector.SignatureBytes.AsSpan(0, Math.Min(length, 64)).CopyTo(signature);

        Assert.False(Verifier.Verify(vector.PublicKeyBytes, vector.MessageBytes, signature));
    }

    [Fact]
    public void Verify_RejectsAllZeroSignature()
    {
        var vector = Rfc8032Vector.Named("TEST 2");

        Assert.False(Verifier.Verify(vector.PublicKeyBytes, vector.MessageBytes, new byte[64]));
    }

    [Fact]
    public void BasePoint_MatchesRfc8032Table1()
    {
        // RFC 8032 §5.1 gives X(P) in decimal and Y(P) = 4/5; y = 4/5 with an even x encodes as 0x58 and 31 × 0x66.
        var encoded = new byte[32];
        Ed25519Point.BasePoint.Encode(encoded);
        var x = new byte[32];
        Ed25519Point.BasePoint.X.ToBytes(x);

        Assert.Equal("58" + string.Concat(Enumerable.Repeat("66", 31)), Convert.ToHexStringLower(encoded));
        Assert.Equal(
            BigInteger.Parse("15112221349535400772501151409588531511454012693041857206046113283949847762202", System.Globalization.CultureInfo.InvariantCulture),
            Ed25519Reference.FromLittleEndian(x));
    }

    [Fact]
    public void CurveConstantD_MatchesRfc8032Table1()
    {
        var d = new byte[32];
        Ed25519Point.D.ToBytes(d);

        Assert.Equal(
            BigInteger.Parse("37095705934669439343138083508754565189542113879843219016388785533085940283555", System.Globalization.CultureInfo.InvariantCulture),
            Ed25519Reference.FromLittleEndian(d));
    }

    private static byte[] FlipBit(byte[] value, int bit)
    {
        var copy = (byte[])value.Clone();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    /// <summary>y = p + k as 32 little-endian bytes, the top bit carrying the x sign.</summary>
    private static byte[] NonCanonicalEncoding(int k, bool signBit)
    {
        var bytes = Ed25519Reference.ToLittleEndian(Ed25519Reference.P + k, 32);
        if (signBit)
        {
            bytes[31] |= 0x80;
        }

        return bytes;
    }

    /// <summary>R chosen by the caller, S = k·s mod L with k = H(R || A || M): valid iff R's point is the identity.</summary>
    private static byte[] SignatureWithChosenR(byte[] seed, byte[] message, byte[] encodedR)
    {
        var s = Ed25519Reference.SecretScalar(seed);
        var k = Ed25519Reference.HashToScalar(encodedR, Ed25519Reference.PublicKey(seed), message);
        return [.. encodedR, .. Ed25519Reference.ToLittleEndian(k * s % Ed25519Reference.L, 32)];
    }
}
