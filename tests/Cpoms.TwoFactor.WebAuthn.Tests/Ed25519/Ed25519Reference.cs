using System.Numerics;
using System.Security.Cryptography;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ed25519;

/// <summary>
/// A slow, deliberately plain Ed25519 written from the RFC 8032 §5.1 text with System.Numerics.BigInteger:
/// every value is an integer reduced mod p or mod L, scalar multiplication is double-and-add over the bits,
/// points are compared by cross-multiplication. It shares no code with the implementation under test and is
/// only used to produce and judge signatures in tests (it is not constant-time and not for production).
/// </summary>
internal static class Ed25519Reference
{
    public static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;

    public static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);

    public static readonly BigInteger D = Mod(-121665 * Inverse(121666));

    private static readonly BigInteger SqrtMinusOne = BigInteger.ModPow(2, (P - 1) / 4, P);

    /// <summary>The base point: y = 4/5, x the even root (RFC 8032 §5.1).</summary>
    public static readonly RefPoint B = CreateBase();

    /// <summary>Neutral element (0, 1) in extended coordinates.</summary>
    public static RefPoint Identity => new(0, 1, 1, 0);

    public static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }

    public static BigInteger Inverse(BigInteger value) => BigInteger.ModPow(Mod(value), P - 2, P);

    /// <summary>Little-endian unsigned integer.</summary>
    public static BigInteger FromLittleEndian(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: false);

    /// <summary>Little-endian, zero-padded to <paramref name="length"/> bytes.</summary>
    public static byte[] ToLittleEndian(BigInteger value, int length)
    {
        var bytes = new byte[length];
        if (!value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false))
        {
            throw new ArgumentOutOfRangeException(nameof(value));
        }

        return bytes;
    }

    /// <summary>RFC 8032 §5.1.4 point addition in extended coordinates.</summary>
    public static RefPoint Add(RefPoint p, RefPoint q)
    {
        var a = Mod((p.Y - p.X) * (q.Y - q.X));
        var b = Mod((p.Y + p.X) * (q.Y + q.X));
        var c = Mod(2 * p.T * q.T * D);
        var d = Mod(2 * p.Z * q.Z);
        var e = b - a;
        var f = d - c;
        var g = d + c;
        var h = b + a;
        return new RefPoint(Mod(e * f), Mod(g * h), Mod(f * g), Mod(e * h));
    }

    /// <summary>[n]P by double-and-add from the least significant bit.</summary>
    public static RefPoint Multiply(BigInteger n, RefPoint p)
    {
        var result = Identity;
        var addend = p;
        while (n > 0)
        {
            if (!n.IsEven)
            {
                result = Add(result, addend);
            }

            addend = Add(addend, addend);
            n >>= 1;
        }

        return result;
    }

    public static RefPoint Negate(RefPoint p) => new(Mod(-p.X), p.Y, p.Z, Mod(-p.T));

    public static bool AreEqual(RefPoint p, RefPoint q) =>
        Mod(p.X * q.Z - q.X * p.Z) == 0 && Mod(p.Y * q.Z - q.Y * p.Z) == 0;

    public static bool IsSmallOrder(RefPoint p) => AreEqual(Multiply(8, p), Identity);

    /// <summary>RFC 8032 §5.1.2.</summary>
    public static byte[] Encode(RefPoint p)
    {
        var zInverse = Inverse(p.Z);
        var x = Mod(p.X * zInverse);
        var y = Mod(p.Y * zInverse);
        var bytes = ToLittleEndian(y, 32);
        bytes[31] |= (byte)((int)(x & 1) << 7);
        return bytes;
    }

    /// <summary>RFC 8032 §5.1.3, strict: fails for y ≥ p, no square root, or x = 0 with the sign bit set.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out RefPoint point)
    {
        point = Identity;
        if (encoded.Length != 32)
        {
            return false;
        }

        var bytes = encoded.ToArray();
        var sign = bytes[31] >> 7;
        bytes[31] &= 0x7F;
        var y = FromLittleEndian(bytes);
        if (y >= P)
        {
            return false;
        }

        var u = Mod(y * y - 1);
        var v = Mod(D * y * y + 1);
        var x = Mod(u * BigInteger.Pow(v, 3) * BigInteger.ModPow(Mod(u * BigInteger.Pow(v, 7)), (P - 5) / 8, P));
        if (Mod(v * x * x - u) != 0)
        {
            if (Mod(v * x * x + u) != 0)
            {
                return false;
            }

            x = Mod(x * SqrtMinusOne);
        }

        if (x == 0 && sign == 1)
        {
            return false;
        }

        if ((int)(x & 1) != sign)
        {
            x = P - x;
        }

        point = new RefPoint(x, y, 1, Mod(x * y));
        return true;
    }

    /// <summary>The secret scalar s of RFC 8032 §5.1.5 steps 1–3 (pruned low half of SHA-512(seed)).</summary>
    public static BigInteger SecretScalar(ReadOnlySpan<byte> seed)
    {
        var h = SHA512.HashData(seed);
        h[0] &= 0xF8;
        h[31] &= 0x7F;
        h[31] |= 0x40;
        return FromLittleEndian(h.AsSpan(0, 32));
    }

    /// <summary>RFC 8032 §5.1.5: A = [s]B, encoded.</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> seed) => Encode(Multiply(SecretScalar(seed), B));

    /// <summary>SHA-512 of the concatenated parts, as a little-endian integer mod L.</summary>
    public static BigInteger HashToScalar(params byte[][] parts) =>
        FromLittleEndian(SHA512.HashData(parts.SelectMany(part => part).ToArray())) % L;

    /// <summary>RFC 8032 §5.1.6 signing.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> seed, byte[] message)
    {
        var h = SHA512.HashData(seed);
        var s = SecretScalar(seed);
        var a = Encode(Multiply(s, B));
        var r = HashToScalar(h[32..], message);
        var encodedR = Encode(Multiply(r, B));
        var k = HashToScalar(encodedR, a, message);
        var bigS = (r + k * s) % L;
        return [.. encodedR, .. ToLittleEndian(bigS, 32)];
    }

    /// <summary>
    /// RFC 8032 §5.1.7 with the same strict rules the production verifier documents: exact lengths, canonical
    /// A and R, S &lt; L, A and R not of small order, cofactorless equation [S]B = R + [k]A (checked as points).
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, byte[] message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != 32 || signature.Length != 64)
        {
            return false;
        }

        if (!TryDecode(publicKey, out var a) || IsSmallOrder(a))
        {
            return false;
        }

        if (!TryDecode(signature[..32], out var r) || IsSmallOrder(r))
        {
            return false;
        }

        var s = FromLittleEndian(signature[32..]);
        if (s >= L)
        {
            return false;
        }

        var k = HashToScalar(signature[..32].ToArray(), publicKey.ToArray(), message);
        return AreEqual(Multiply(s, B), Add(r, Multiply(k, a)));
    }

    private static RefPoint CreateBase()
    {
        var y = Mod(4 * Inverse(5));
        if (!TryDecode(ToLittleEndian(y, 32), out var b))
        {
            throw new InvalidOperationException("The reference base point did not decode.");
        }

        return b;
    }
}

/// <summary>Extended coordinates (X : Y : Z : T), x = X/Z, y = Y/Z, x·y = T/Z, each reduced mod p.</summary>
internal readonly record struct RefPoint(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T);
