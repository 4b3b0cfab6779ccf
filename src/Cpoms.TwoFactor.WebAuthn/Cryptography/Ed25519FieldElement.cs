using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Cpoms.TwoFactor.WebAuthn.Cryptography;

/// <summary>
/// An element of GF(p), p = 2^255 - 19 (RFC 8032 §5.1), in radix 2^51: value = Σ limb[i]·2^(51·i).
/// </summary>
/// <remarks>
/// Invariant kept by every operation: each limb of a result is below 2^52 (a "loosely reduced" element),
/// so the value may exceed p; only <see cref="ToBytes"/> produces the canonical residue. With limbs below
/// 2^52, every product term in <see cref="Multiply"/> is below 2^52 · 19 · 2^52 &lt; 2^109 and a sum of five
/// of them stays far below 2^128. The project compiles with overflow checking on; the arithmetic here is
/// deliberately <c>unchecked</c> because the bounds above are proven, and checking would only cost time.
/// Operations are not constant-time; this type is used for signature verification on public data only.
/// </remarks>
internal readonly struct Ed25519FieldElement
{
    private const ulong Mask51 = (1UL << 51) - 1;

    private readonly ulong _l0, _l1, _l2, _l3, _l4;

    private Ed25519FieldElement(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4)
    {
        _l0 = l0;
        _l1 = l1;
        _l2 = l2;
        _l3 = l3;
        _l4 = l4;
    }

    /// <summary>The additive identity.</summary>
    public static Ed25519FieldElement Zero => default;

    /// <summary>The multiplicative identity.</summary>
    public static Ed25519FieldElement One => new(1, 0, 0, 0, 0);

    /// <summary>A small non-negative integer as a field element.</summary>
    public static Ed25519FieldElement FromInt32(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return new((ulong)value, 0, 0, 0, 0);
    }

    /// <summary>
    /// Reads 32 little-endian bytes, ignoring the most significant bit (bit 255), as RFC 8032 §5.1.3 step 1
    /// does for the y coordinate. The result may be a non-canonical value in [p, 2^255 - 1]; callers that need
    /// canonical input compare <see cref="ToBytes"/> of the result with the input.
    /// </summary>
    public static Ed25519FieldElement FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32)
        {
            throw new ArgumentException("A field element is encoded in exactly 32 bytes.", nameof(bytes));
        }

        var w0 = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var w1 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        var w2 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]);
        var w3 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]);
        return new(
            w0 & Mask51,
            ((w0 >> 51) | (w1 << 13)) & Mask51,
            ((w1 >> 38) | (w2 << 26)) & Mask51,
            ((w2 >> 25) | (w3 << 39)) & Mask51,
            (w3 >> 12) & Mask51);
    }

    /// <summary>
    /// Writes the canonical encoding (the unique residue in [0, p), 32 bytes little-endian, bit 255 clear),
    /// RFC 8032 §5.1.2.
    /// </summary>
    public void ToBytes(Span<byte> destination)
    {
        if (destination.Length < 32)
        {
            throw new ArgumentException("A field element needs 32 bytes.", nameof(destination));
        }

        unchecked
        {
            // First bring every limb below 2^51 (the carry out of the top limb wraps as ·19 because
            // 2^255 ≡ 19 mod p). Afterwards the value is below 2^255 + 2^7, hence below 2p.
            var l0 = _l0;
            var l1 = _l1;
            var l2 = _l2;
            var l3 = _l3;
            var l4 = _l4;
            l1 += l0 >> 51; l0 &= Mask51;
            l2 += l1 >> 51; l1 &= Mask51;
            l3 += l2 >> 51; l2 &= Mask51;
            l4 += l3 >> 51; l3 &= Mask51;
            l0 += 19 * (l4 >> 51); l4 &= Mask51;

            // q = floor((h + 19) / 2^255) is 1 exactly when h >= p (h < 2p). Subtracting q·p is adding 19·q
            // and dropping bit 255.
            var q = (l0 + 19) >> 51;
            q = (l1 + q) >> 51;
            q = (l2 + q) >> 51;
            q = (l3 + q) >> 51;
            q = (l4 + q) >> 51;

            l0 += 19 * q;
            l1 += l0 >> 51; l0 &= Mask51;
            l2 += l1 >> 51; l1 &= Mask51;
            l3 += l2 >> 51; l2 &= Mask51;
            l4 += l3 >> 51; l3 &= Mask51;
            l4 &= Mask51;

            BinaryPrimitives.WriteUInt64LittleEndian(destination, l0 | (l1 << 51));
            BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], (l1 >> 13) | (l2 << 38));
            BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], (l2 >> 26) | (l3 << 25));
            BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], (l3 >> 39) | (l4 << 12));
        }
    }

    /// <summary>True when the element is 0 mod p.</summary>
    public bool IsZero
    {
        get
        {
            Span<byte> bytes = stackalloc byte[32];
            ToBytes(bytes);
            return !bytes.ContainsAnyExcept((byte)0);
        }
    }

    /// <summary>
    /// True when the canonical residue is odd: the "negative" sign RFC 8032 §5.1.2 stores in bit 255 of a
    /// point encoding.
    /// </summary>
    public bool IsNegative
    {
        get
        {
            Span<byte> bytes = stackalloc byte[32];
            ToBytes(bytes);
            return (bytes[0] & 1) != 0;
        }
    }

    /// <summary>True when both elements are congruent mod p.</summary>
    public static bool AreEqual(in Ed25519FieldElement a, in Ed25519FieldElement b)
    {
        Span<byte> x = stackalloc byte[32];
        Span<byte> y = stackalloc byte[32];
        a.ToBytes(x);
        b.ToBytes(y);
        return x.SequenceEqual(y);
    }

    /// <summary>a + b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Ed25519FieldElement Add(in Ed25519FieldElement a, in Ed25519FieldElement b)
    {
        unchecked
        {
            return Carry(a._l0 + b._l0, a._l1 + b._l1, a._l2 + b._l2, a._l3 + b._l3, a._l4 + b._l4);
        }
    }

    /// <summary>a - b, computed as a + 16p - b so no limb goes negative (b's limbs are below 2^52 &lt; 16·(2^51 - 19)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Ed25519FieldElement Subtract(in Ed25519FieldElement a, in Ed25519FieldElement b)
    {
        unchecked
        {
            const ulong SixteenPLow = 16 * ((1UL << 51) - 19);
            const ulong SixteenPHigh = 16 * ((1UL << 51) - 1);
            return Carry(
                a._l0 + SixteenPLow - b._l0,
                a._l1 + SixteenPHigh - b._l1,
                a._l2 + SixteenPHigh - b._l2,
                a._l3 + SixteenPHigh - b._l3,
                a._l4 + SixteenPHigh - b._l4);
        }
    }

    /// <summary>-a.</summary>
    public static Ed25519FieldElement Negate(in Ed25519FieldElement a) => Subtract(Zero, a);

    /// <summary>a · b.</summary>
    public static Ed25519FieldElement Multiply(in Ed25519FieldElement a, in Ed25519FieldElement b)
    {
        unchecked
        {
            ulong a0 = a._l0, a1 = a._l1, a2 = a._l2, a3 = a._l3, a4 = a._l4;
            ulong b0 = b._l0, b1 = b._l1, b2 = b._l2, b3 = b._l3, b4 = b._l4;

            // Limb products at position 5 + i fold back to position i times 19, because 2^255 ≡ 19 (mod p).
            ulong b1x19 = 19 * b1, b2x19 = 19 * b2, b3x19 = 19 * b3, b4x19 = 19 * b4;

            // Each column r_i is a 128-bit sum (lo, hi) of five products.
            ulong r0 = 0, r0h = 0, r1 = 0, r1h = 0, r2 = 0, r2h = 0, r3 = 0, r3h = 0, r4 = 0, r4h = 0;
            MultiplyAdd(ref r0, ref r0h, a0, b0);
            MultiplyAdd(ref r0, ref r0h, a1, b4x19);
            MultiplyAdd(ref r0, ref r0h, a2, b3x19);
            MultiplyAdd(ref r0, ref r0h, a3, b2x19);
            MultiplyAdd(ref r0, ref r0h, a4, b1x19);

            MultiplyAdd(ref r1, ref r1h, a0, b1);
            MultiplyAdd(ref r1, ref r1h, a1, b0);
            MultiplyAdd(ref r1, ref r1h, a2, b4x19);
            MultiplyAdd(ref r1, ref r1h, a3, b3x19);
            MultiplyAdd(ref r1, ref r1h, a4, b2x19);

            MultiplyAdd(ref r2, ref r2h, a0, b2);
            MultiplyAdd(ref r2, ref r2h, a1, b1);
            MultiplyAdd(ref r2, ref r2h, a2, b0);
            MultiplyAdd(ref r2, ref r2h, a3, b4x19);
            MultiplyAdd(ref r2, ref r2h, a4, b3x19);

            MultiplyAdd(ref r3, ref r3h, a0, b3);
            MultiplyAdd(ref r3, ref r3h, a1, b2);
            MultiplyAdd(ref r3, ref r3h, a2, b1);
            MultiplyAdd(ref r3, ref r3h, a3, b0);
            MultiplyAdd(ref r3, ref r3h, a4, b4x19);

            MultiplyAdd(ref r4, ref r4h, a0, b4);
            MultiplyAdd(ref r4, ref r4h, a1, b3);
            MultiplyAdd(ref r4, ref r4h, a2, b2);
            MultiplyAdd(ref r4, ref r4h, a3, b1);
            MultiplyAdd(ref r4, ref r4h, a4, b0);

            return CarryWide(r0, r0h, r1, r1h, r2, r2h, r3, r3h, r4, r4h);
        }
    }

    /// <summary>a².</summary>
    public static Ed25519FieldElement Square(in Ed25519FieldElement a)
    {
        unchecked
        {
            ulong a0 = a._l0, a1 = a._l1, a2 = a._l2, a3 = a._l3, a4 = a._l4;
            ulong a0x2 = 2 * a0, a1x2 = 2 * a1, a2x2 = 2 * a2, a3x2 = 2 * a3;
            ulong a3x19 = 19 * a3, a4x19 = 19 * a4;

            // Same schoolbook sum as Multiply with the symmetric terms a_i·a_j (i ≠ j) taken once and doubled:
            // r0 = a0² + 19·(2·a1·a4 + 2·a2·a3), r1 = 2·a0·a1 + 19·(2·a2·a4 + a3²), r2 = 2·a0·a2 + a1² + 19·2·a3·a4,
            // r3 = 2·a0·a3 + 2·a1·a2 + 19·a4², r4 = 2·a0·a4 + 2·a1·a3 + a2².
            ulong r0 = 0, r0h = 0, r1 = 0, r1h = 0, r2 = 0, r2h = 0, r3 = 0, r3h = 0, r4 = 0, r4h = 0;
            MultiplyAdd(ref r0, ref r0h, a0, a0);
            MultiplyAdd(ref r0, ref r0h, a1x2, a4x19);
            MultiplyAdd(ref r0, ref r0h, a2x2, a3x19);

            MultiplyAdd(ref r1, ref r1h, a0x2, a1);
            MultiplyAdd(ref r1, ref r1h, a2x2, a4x19);
            MultiplyAdd(ref r1, ref r1h, a3, a3x19);

            MultiplyAdd(ref r2, ref r2h, a0x2, a2);
            MultiplyAdd(ref r2, ref r2h, a1, a1);
            MultiplyAdd(ref r2, ref r2h, a3x2, a4x19);

            MultiplyAdd(ref r3, ref r3h, a0x2, a3);
            MultiplyAdd(ref r3, ref r3h, a1x2, a2);
            MultiplyAdd(ref r3, ref r3h, a4, a4x19);

            MultiplyAdd(ref r4, ref r4h, a0x2, a4);
            MultiplyAdd(ref r4, ref r4h, a1x2, a3);
            MultiplyAdd(ref r4, ref r4h, a2, a2);

            return CarryWide(r0, r0h, r1, r1h, r2, r2h, r3, r3h, r4, r4h);
        }
    }

    /// <summary>a^(2^n): n successive squarings, n ≥ 1.</summary>
    public static Ed25519FieldElement SquareTimes(in Ed25519FieldElement a, int n)
    {
        var r = Square(a);
        for (var i = 1; i < n; i++)
        {
            r = Square(r);
        }

        return r;
    }

    /// <summary>a^(p-2) = a^-1 for a ≠ 0 (Fermat); 0 for a = 0.</summary>
    public static Ed25519FieldElement Invert(in Ed25519FieldElement a)
    {
        // p - 2 = 2^255 - 21 = (2^250 - 1)·2^5 + 11.
        var z250 = PowTwo250MinusOne(a, out var z11);
        return Multiply(SquareTimes(z250, 5), z11);
    }

    /// <summary>a^((p-5)/8) = a^(2^252 - 3), the exponent RFC 8032 §5.1.3 step 3 uses for the square root.</summary>
    public static Ed25519FieldElement PowPMinus5Over8(in Ed25519FieldElement a)
    {
        // 2^252 - 3 = (2^250 - 1)·2^2 + 1.
        var z250 = PowTwo250MinusOne(a, out _);
        return Multiply(SquareTimes(z250, 2), a);
    }

    /// <summary>a^(2^250 - 1) by an addition chain; also returns a^11, which <see cref="Invert"/> needs.</summary>
    private static Ed25519FieldElement PowTwo250MinusOne(in Ed25519FieldElement a, out Ed25519FieldElement z11)
    {
        var z2 = Square(a);                                       // 2
        var z9 = Multiply(SquareTimes(z2, 2), a);                 // 8 + 1
        z11 = Multiply(z9, z2);                                   // 9 + 2
        var z5 = Multiply(Square(z11), z9);                       // 22 + 9 = 31 = 2^5 - 1
        var z10 = Multiply(SquareTimes(z5, 5), z5);               // 2^10 - 1
        var z20 = Multiply(SquareTimes(z10, 10), z10);            // 2^20 - 1
        var z40 = Multiply(SquareTimes(z20, 20), z20);            // 2^40 - 1
        var z50 = Multiply(SquareTimes(z40, 10), z10);            // 2^50 - 1
        var z100 = Multiply(SquareTimes(z50, 50), z50);           // 2^100 - 1
        var z200 = Multiply(SquareTimes(z100, 100), z100);        // 2^200 - 1
        return Multiply(SquareTimes(z200, 50), z50);              // 2^250 - 1
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Ed25519FieldElement Carry(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4)
    {
        unchecked
        {
            // Inputs are below 2^56; one pass leaves limbs 1..4 below 2^51 and limb 0 below 2^51 + 19·2^5.
            l1 += l0 >> 51; l0 &= Mask51;
            l2 += l1 >> 51; l1 &= Mask51;
            l3 += l2 >> 51; l2 &= Mask51;
            l4 += l3 >> 51; l3 &= Mask51;
            l0 += 19 * (l4 >> 51); l4 &= Mask51;
            return new(l0, l1, l2, l3, l4);
        }
    }

    /// <summary>(hi:lo) += a·b; the callers' column sums stay below 2^111, so hi never overflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAdd(ref ulong lo, ref ulong hi, ulong a, ulong b)
    {
        unchecked
        {
            // Asking only for the high half keeps both halves in registers (the out-parameter form of
            // Math.BigMul makes the JIT spill through a stack slot); the low half is the wrapping product.
            var productHigh = Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b)
                : ArmBase.Arm64.IsSupported ? ArmBase.Arm64.MultiplyHigh(a, b)
                : Math.BigMul(a, b, out _);
            var productLow = a * b;
            lo += productLow;
            hi += productHigh + (lo < productLow ? 1UL : 0UL);
        }
    }

    /// <summary>Reduces five 128-bit columns (hi:lo) to limbs below 2^52.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Ed25519FieldElement CarryWide(
        ulong r0, ulong r0h, ulong r1, ulong r1h, ulong r2, ulong r2h, ulong r3, ulong r3h, ulong r4, ulong r4h)
    {
        unchecked
        {
            // Each column is below 2^111 (hi below 2^47), so column >> 51 = (hi << 13) | (lo >> 51) fits a ulong
            // and every carry is below 2^60. r4 has no ·19 term: it is below 5·2^104 + 2^60 < 2^107, so its carry
            // is below 2^56 and 19 times that (< 2^61) fits next to a 51-bit limb 0. One more step moves limb 0's
            // excess (< 2^10) into limb 1, which stays below 2^52.
            var l0 = r0 & Mask51;
            var carry = (r0h << 13) | (r0 >> 51);

            r1 += carry;
            r1h += r1 < carry ? 1UL : 0UL;
            var l1 = r1 & Mask51;
            carry = (r1h << 13) | (r1 >> 51);

            r2 += carry;
            r2h += r2 < carry ? 1UL : 0UL;
            var l2 = r2 & Mask51;
            carry = (r2h << 13) | (r2 >> 51);

            r3 += carry;
            r3h += r3 < carry ? 1UL : 0UL;
            var l3 = r3 & Mask51;
            carry = (r3h << 13) | (r3 >> 51);

            r4 += carry;
            r4h += r4 < carry ? 1UL : 0UL;
            var l4 = r4 & Mask51;
            carry = (r4h << 13) | (r4 >> 51);

            l0 += 19 * carry;
            l1 += l0 >> 51;
            l0 &= Mask51;
            return new(l0, l1, l2, l3, l4);
        }
    }
}
