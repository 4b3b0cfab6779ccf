using System.Buffers.Binary;

namespace Cpoms.TwoFactor.WebAuthn.Cryptography;

/// <summary>
/// Arithmetic modulo the group order L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 §5.1) on
/// 32-byte little-endian scalars, and the width-w non-adjacent form used by the verifier's scalar
/// multiplication. Variable-time: only public scalars (S and the challenge hash) pass through here.
/// </summary>
internal static class Ed25519Scalar
{
    /// <summary>L in four little-endian 64-bit limbs.</summary>
    private static ReadOnlySpan<ulong> Order => [0x5812631A5CF5D3ED, 0x14DEF9DEA2F79CD6, 0x0000000000000000, 0x1000000000000000];

    /// <summary>μ = floor(2^512 / L) for Barrett reduction, five little-endian 64-bit limbs.</summary>
    private static ReadOnlySpan<ulong> BarrettMu => [0xED9CE5A30A2C131B, 0x2106215D086329A7, 0xFFFFFFFFFFFFFFEB, 0xFFFFFFFFFFFFFFFF, 0x000000000000000F];

    /// <summary>True when the 32-byte little-endian value is below L (RFC 8032 §5.1.7 step 1: "0 &lt;= s &lt; L").</summary>
    public static bool IsCanonical(ReadOnlySpan<byte> scalar)
    {
        if (scalar.Length != 32)
        {
            return false;
        }

        Span<ulong> limbs = stackalloc ulong[5];
        ReadLimbs(scalar, limbs);
        limbs[4] = 0;
        return IsLessThanOrder(limbs);
    }

    /// <summary>
    /// Reduces a 64-byte little-endian integer (a SHA-512 output) modulo L into 32 bytes, as RFC 8032 §5.1.7
    /// step 2 requires for k. Barrett reduction with base b = 2^64 and k = 4 limbs (Handbook of Applied
    /// Cryptography, algorithm 14.42): valid for inputs below b^(2k) = 2^512, leaving at most two subtractions.
    /// </summary>
    public static void Reduce(ReadOnlySpan<byte> wide, Span<byte> destination)
    {
        if (wide.Length != 64)
        {
            throw new ArgumentException("Reduce takes exactly 64 bytes.", nameof(wide));
        }

        if (destination.Length < 32)
        {
            throw new ArgumentException("The destination needs 32 bytes.", nameof(destination));
        }

        Span<ulong> x = stackalloc ulong[8];
        ReadLimbs(wide, x);

        // q1 = floor(x / b^(k-1)); q2 = q1·μ; q3 = floor(q2 / b^(k+1)).
        Span<ulong> q2 = stackalloc ulong[10];
        MultiplyLimbs(x[3..], BarrettMu, q2);
        var q3 = q2[5..];

        // r1 = x mod b^(k+1); r2 = q3·L mod b^(k+1); r = r1 - r2 mod b^(k+1).
        Span<ulong> q3TimesOrder = stackalloc ulong[9];
        MultiplyLimbs(q3, Order, q3TimesOrder);
        Span<ulong> r = stackalloc ulong[5];
        x[..5].CopyTo(r);
        SubtractInPlace(r, q3TimesOrder[..5]);

        // 0 <= r < 3L, so at most two subtractions of L remain.
        while (!IsLessThanOrder(r))
        {
            SubtractInPlace(r, Order);
        }

        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[(8 * i)..], r[i]);
        }
    }

    /// <summary>
    /// Writes the width-<paramref name="width"/> non-adjacent form of a scalar below 2^253 into 256 signed
    /// digits: Σ naf[i]·2^i equals the scalar, every non-zero digit is odd with |digit| &lt; 2^(width-1), and
    /// any <paramref name="width"/> consecutive digits hold at most one non-zero digit.
    /// </summary>
    public static void ComputeNaf(ReadOnlySpan<byte> scalar, int width, Span<sbyte> naf)
    {
        if (scalar.Length != 32 || (scalar[31] & 0xE0) != 0)
        {
            throw new ArgumentException("The scalar must be 32 bytes and below 2^253.", nameof(scalar));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 8);
        if (naf.Length < 256)
        {
            throw new ArgumentException("The digit buffer needs 256 entries.", nameof(naf));
        }

        Span<ulong> limbs = stackalloc ulong[5];
        ReadLimbs(scalar, limbs[..4]);
        limbs[4] = 0;
        naf[..256].Clear();

        var windowSize = 1UL << width;
        var windowMask = windowSize - 1;
        var half = windowSize >> 1;
        ulong carry = 0;
        var i = 0;
        while (i < 256)
        {
            var limb = i >> 6;
            var shift = i & 63;
            var bits = limbs[limb] >> shift;
            if (shift != 0)
            {
                bits |= limbs[limb + 1] << (64 - shift);
            }

            // Digit i of (remaining value + carry·2^i): zero when that bit sum is even.
            if ((((bits & 1) + carry) & 1) == 0)
            {
                carry = ((bits & 1) + carry) >> 1;
                i++;
                continue;
            }

            // Odd: take the window value (odd, below 2^width) as a digit in (-2^(width-1), 2^(width-1));
            // a negative digit borrows 2^width from the next window, which becomes a carry into position
            // i + width. The digits i+1 .. i+width-1 are then zero.
            var window = (bits & windowMask) + carry;
            int digit;
            if (window > half)
            {
                digit = (int)window - (int)windowSize;
                carry = 1;
            }
            else
            {
                digit = (int)window;
                carry = 0;
            }

            naf[i] = (sbyte)digit;
            i += width;
        }

        // A value below 2^253 has a non-adjacent form of at most 254 digits, so nothing is carried out.
        if (carry != 0)
        {
            throw new InvalidOperationException("The non-adjacent form overflowed 256 digits.");
        }
    }

    private static void ReadLimbs(ReadOnlySpan<byte> bytes, Span<ulong> limbs)
    {
        for (var i = 0; i < bytes.Length / 8; i++)
        {
            limbs[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(8 * i)..]);
        }
    }

    /// <summary>5-limb value &lt; L.</summary>
    private static bool IsLessThanOrder(ReadOnlySpan<ulong> value)
    {
        if (value[4] != 0)
        {
            return false;
        }

        for (var i = 3; i >= 0; i--)
        {
            if (value[i] != Order[i])
            {
                return value[i] < Order[i];
            }
        }

        return false;
    }

    /// <summary>Schoolbook product; <paramref name="product"/> holds a.Length + b.Length limbs.</summary>
    private static void MultiplyLimbs(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> product)
    {
        unchecked
        {
            product.Clear();
            for (var i = 0; i < a.Length; i++)
            {
                ulong carry = 0;
                for (var j = 0; j < b.Length; j++)
                {
                    // (2^64 - 1)² + 2·(2^64 - 1) = 2^128 - 1: the sum cannot overflow 128 bits.
                    var t = Math.BigMul(a[i], b[j]) + product[i + j] + carry;
                    product[i + j] = (ulong)t;
                    carry = (ulong)(t >> 64);
                }

                product[i + b.Length] = carry;
            }
        }
    }

    /// <summary>value = (value - subtrahend) mod 2^(64·value.Length); subtrahend may be shorter.</summary>
    private static void SubtractInPlace(Span<ulong> value, ReadOnlySpan<ulong> subtrahend)
    {
        unchecked
        {
            ulong borrow = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var s = i < subtrahend.Length ? subtrahend[i] : 0;
                var difference = value[i] - s;
                var borrowOut = value[i] < s ? 1UL : 0UL;
                var result = difference - borrow;
                borrowOut |= difference < borrow ? 1UL : 0UL;
                value[i] = result;
                borrow = borrowOut;
            }
        }
    }
}
