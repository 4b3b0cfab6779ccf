using System.Runtime.CompilerServices;

namespace Cpoms.TwoFactor.WebAuthn.Cryptography;

/// <summary>
/// A point of edwards25519, -x² + y² = 1 + d·x²·y² over GF(2^255 - 19) (RFC 8032 §5.1), in extended
/// coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, x·y = T/Z (RFC 8032 §5.1.4).
/// </summary>
/// <remarks>
/// The addition and doubling formulas are the ones RFC 8032 §5.1.4 gives (complete for this curve: no
/// exceptional cases). Everything here is variable-time: it runs only on public values (keys, signatures,
/// messages) during verification.
/// </remarks>
internal readonly struct Ed25519Point
{
    /// <summary>d = -121665/121666 (RFC 8032 §5.1).</summary>
    public static readonly Ed25519FieldElement D = Ed25519FieldElement.Multiply(
        Ed25519FieldElement.Negate(Ed25519FieldElement.FromInt32(121665)),
        Ed25519FieldElement.Invert(Ed25519FieldElement.FromInt32(121666)));

    /// <summary>2·d, the factor of T1·T2 in the addition formula.</summary>
    public static readonly Ed25519FieldElement D2 = Ed25519FieldElement.Add(D, D);

    /// <summary>sqrt(-1) = 2^((p-1)/4) (RFC 8032 §5.1.3 step 3). (p-1)/4 = 2^253 - 5 = 2·(2^252 - 3) + 1.</summary>
    public static readonly Ed25519FieldElement SqrtMinusOne = Ed25519FieldElement.Multiply(
        Ed25519FieldElement.Square(Ed25519FieldElement.PowPMinus5Over8(Ed25519FieldElement.FromInt32(2))),
        Ed25519FieldElement.FromInt32(2));

    /// <summary>The base point B: y = 4/5 and x "positive" (even), RFC 8032 §5.1.</summary>
    public static readonly Ed25519Point BasePoint = CreateBasePoint();

    /// <summary>Largest table built on the stack (64 points: 10 KiB of extended points).</summary>
    private const int MaxStackPoints = 64;

    /// <summary>The neutral element (0, 1).</summary>
    public static Ed25519Point Identity => new(
        Ed25519FieldElement.Zero, Ed25519FieldElement.One, Ed25519FieldElement.One, Ed25519FieldElement.Zero);

    public Ed25519Point(Ed25519FieldElement x, Ed25519FieldElement y, Ed25519FieldElement z, Ed25519FieldElement t)
    {
        X = x;
        Y = y;
        Z = z;
        T = t;
    }

    public Ed25519FieldElement X { get; }

    public Ed25519FieldElement Y { get; }

    public Ed25519FieldElement Z { get; }

    public Ed25519FieldElement T { get; }

    /// <summary>
    /// RFC 8032 §5.1.3 decoding. Fails (returns false) for a wrong length, a y coordinate that is not below p
    /// (a non-canonical encoding), a y with no matching x on the curve, and x = 0 with the sign bit set.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out Ed25519Point point)
    {
        point = default;
        if (encoded.Length != 32)
        {
            return false;
        }

        // Step 1: y is the low 255 bits, x_0 the top bit. The RFC says "if y >= p, decoding fails": the
        // canonical re-encoding of y differs from the input exactly when y is in [p, 2^255 - 1].
        var y = Ed25519FieldElement.FromBytes(encoded);
        Span<byte> canonical = stackalloc byte[32];
        y.ToBytes(canonical);
        canonical[31] |= (byte)(encoded[31] & 0x80);
        if (!canonical.SequenceEqual(encoded))
        {
            return false;
        }

        var xSign = (encoded[31] & 0x80) != 0;

        // Step 2: x² = (y² - 1) / (d·y² + 1) = u / v.
        var yy = Ed25519FieldElement.Square(y);
        var u = Ed25519FieldElement.Subtract(yy, Ed25519FieldElement.One);
        var v = Ed25519FieldElement.Add(Ed25519FieldElement.Multiply(D, yy), Ed25519FieldElement.One);

        // Step 3: candidate root x = u·v³·(u·v⁷)^((p-5)/8).
        var v3 = Ed25519FieldElement.Multiply(Ed25519FieldElement.Square(v), v);
        var v7 = Ed25519FieldElement.Multiply(Ed25519FieldElement.Square(v3), v);
        var x = Ed25519FieldElement.Multiply(
            Ed25519FieldElement.Multiply(u, v3),
            Ed25519FieldElement.PowPMinus5Over8(Ed25519FieldElement.Multiply(u, v7)));

        var vxx = Ed25519FieldElement.Multiply(v, Ed25519FieldElement.Square(x));
        if (!Ed25519FieldElement.AreEqual(vxx, u))
        {
            if (!Ed25519FieldElement.AreEqual(vxx, Ed25519FieldElement.Negate(u)))
            {
                // Neither v·x² = u nor v·x² = -u: u/v is not a square, no point has this y.
                return false;
            }

            x = Ed25519FieldElement.Multiply(x, SqrtMinusOne);
        }

        // Step 4: pick the root whose parity is x_0; x = 0 has no "negative" root.
        var xIsZero = x.IsZero;
        if (xIsZero && xSign)
        {
            return false;
        }

        if (x.IsNegative != xSign)
        {
            x = Ed25519FieldElement.Negate(x);
        }

        point = new Ed25519Point(x, y, Ed25519FieldElement.One, Ed25519FieldElement.Multiply(x, y));
        return true;
    }

    /// <summary>RFC 8032 §5.1.2 encoding: y in 255 bits, the parity of x in bit 255.</summary>
    public void Encode(Span<byte> destination) => ToProjective().Encode(destination);

    /// <summary>
    /// True when [8]P is the neutral element, i.e. P is one of the 8 points of order 1, 2, 4 or 8 that make up
    /// the curve's torsion subgroup (the cofactor is 8).
    /// </summary>
    public bool IsSmallOrder => ToProjective().IsSmallOrder;

    /// <summary>(X : Y : Z), dropping T.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Ed25519ProjectivePoint ToProjective() => new(X, Y, Z);

    /// <summary>P + Q for two extended points (RFC 8032 §5.1.4 "add").</summary>
    public static Ed25519CompletedPoint Add(in Ed25519Point p, in Ed25519Point q)
    {
        var a = Ed25519FieldElement.Multiply(Ed25519FieldElement.Subtract(p.Y, p.X), Ed25519FieldElement.Subtract(q.Y, q.X));
        var b = Ed25519FieldElement.Multiply(Ed25519FieldElement.Add(p.Y, p.X), Ed25519FieldElement.Add(q.Y, q.X));
        var c = Ed25519FieldElement.Multiply(Ed25519FieldElement.Multiply(p.T, D2), q.T);
        var zz = Ed25519FieldElement.Multiply(p.Z, q.Z);
        var d = Ed25519FieldElement.Add(zz, zz);
        return new Ed25519CompletedPoint(
            e: Ed25519FieldElement.Subtract(b, a),
            f: Ed25519FieldElement.Subtract(d, c),
            g: Ed25519FieldElement.Add(d, c),
            h: Ed25519FieldElement.Add(b, a));
    }

    /// <summary>P + Q with Q in affine Niels form (Z2 = 1, so D = 2·Z1 and one multiplication is saved).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Ed25519CompletedPoint Add(in Ed25519Point p, in Ed25519AffineNielsPoint q)
    {
        var a = Ed25519FieldElement.Multiply(Ed25519FieldElement.Subtract(p.Y, p.X), q.YMinusX);
        var b = Ed25519FieldElement.Multiply(Ed25519FieldElement.Add(p.Y, p.X), q.YPlusX);
        var c = Ed25519FieldElement.Multiply(p.T, q.XY2D);
        var d = Ed25519FieldElement.Add(p.Z, p.Z);
        return new Ed25519CompletedPoint(
            e: Ed25519FieldElement.Subtract(b, a),
            f: Ed25519FieldElement.Subtract(d, c),
            g: Ed25519FieldElement.Add(d, c),
            h: Ed25519FieldElement.Add(b, a));
    }

    /// <summary>
    /// P - Q with Q in affine Niels form: -Q = (-x, y), so y+x and y-x swap places and 2·d·x·y changes sign.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Ed25519CompletedPoint Subtract(in Ed25519Point p, in Ed25519AffineNielsPoint q)
    {
        var a = Ed25519FieldElement.Multiply(Ed25519FieldElement.Subtract(p.Y, p.X), q.YPlusX);
        var b = Ed25519FieldElement.Multiply(Ed25519FieldElement.Add(p.Y, p.X), q.YMinusX);
        var c = Ed25519FieldElement.Multiply(p.T, q.XY2D);
        var d = Ed25519FieldElement.Add(p.Z, p.Z);
        return new Ed25519CompletedPoint(
            e: Ed25519FieldElement.Subtract(b, a),
            f: Ed25519FieldElement.Add(d, c),
            g: Ed25519FieldElement.Subtract(d, c),
            h: Ed25519FieldElement.Add(b, a));
    }

    /// <summary>
    /// Converts points to affine Niels form (y + x, y - x, 2·d·x·y) with one field inversion for the whole
    /// batch (Montgomery's trick: invert the product of all Z, then peel each inverse off).
    /// </summary>
    public static void ToAffineNiels(ReadOnlySpan<Ed25519Point> points, Span<Ed25519AffineNielsPoint> destination)
    {
        if (destination.Length < points.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        }

        if (points.IsEmpty)
        {
            return;
        }

        // prefix[i] = Z_0 · … · Z_i
        Span<Ed25519FieldElement> prefix = points.Length <= MaxStackPoints
            ? stackalloc Ed25519FieldElement[points.Length]
            : new Ed25519FieldElement[points.Length];
        prefix[0] = points[0].Z;
        for (var i = 1; i < points.Length; i++)
        {
            prefix[i] = Ed25519FieldElement.Multiply(prefix[i - 1], points[i].Z);
        }

        // inverse = (Z_0 · … · Z_i)^-1 at the top of each iteration.
        var inverse = Ed25519FieldElement.Invert(prefix[^1]);
        for (var i = points.Length - 1; i >= 0; i--)
        {
            var zInverse = i == 0 ? inverse : Ed25519FieldElement.Multiply(inverse, prefix[i - 1]);
            inverse = Ed25519FieldElement.Multiply(inverse, points[i].Z);

            var x = Ed25519FieldElement.Multiply(points[i].X, zInverse);
            var y = Ed25519FieldElement.Multiply(points[i].Y, zInverse);
            destination[i] = new Ed25519AffineNielsPoint(
                Ed25519FieldElement.Add(y, x),
                Ed25519FieldElement.Subtract(y, x),
                Ed25519FieldElement.Multiply(Ed25519FieldElement.Multiply(x, y), D2));
        }
    }

    /// <summary>The odd multiples P, 3P, 5P, …, (2·count - 1)P in affine Niels form.</summary>
    public static Ed25519AffineNielsPoint[] OddMultiples(in Ed25519Point p, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxStackPoints);
        Span<Ed25519Point> multiples = stackalloc Ed25519Point[count];
        multiples[0] = p;
        var twice = p.ToProjective().Double().ToExtended();
        for (var i = 1; i < count; i++)
        {
            multiples[i] = Add(multiples[i - 1], twice).ToExtended();
        }

        var table = new Ed25519AffineNielsPoint[count];
        ToAffineNiels(multiples, table);
        return table;
    }

    private static Ed25519Point CreateBasePoint()
    {
        var y = Ed25519FieldElement.Multiply(Ed25519FieldElement.FromInt32(4), Ed25519FieldElement.Invert(Ed25519FieldElement.FromInt32(5)));
        Span<byte> encoded = stackalloc byte[32];
        y.ToBytes(encoded);
        if (!TryDecode(encoded, out var basePoint))
        {
            throw new InvalidOperationException("The Ed25519 base point did not decode; the field arithmetic is broken.");
        }

        return basePoint;
    }
}

/// <summary>
/// A point in projective coordinates (X : Y : Z), x = X/Z, y = Y/Z: enough for doubling, which does not
/// read T (RFC 8032 §5.1.4 "double").
/// </summary>
internal readonly struct Ed25519ProjectivePoint
{
    public Ed25519ProjectivePoint(Ed25519FieldElement x, Ed25519FieldElement y, Ed25519FieldElement z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    /// <summary>The neutral element (0 : 1 : 1).</summary>
    public static Ed25519ProjectivePoint Identity => new(Ed25519FieldElement.Zero, Ed25519FieldElement.One, Ed25519FieldElement.One);

    public Ed25519FieldElement X { get; }

    public Ed25519FieldElement Y { get; }

    public Ed25519FieldElement Z { get; }

    /// <summary>True for the neutral element: x = 0 and y = 1, i.e. X ≡ 0 and Y ≡ Z.</summary>
    public bool IsIdentity => X.IsZero && Ed25519FieldElement.AreEqual(Y, Z);

    /// <summary>True when [8]P is the neutral element (three doublings).</summary>
    public bool IsSmallOrder => Double().ToProjective().Double().ToProjective().Double().ToProjective().IsIdentity;

    /// <summary>2P (RFC 8032 §5.1.4 "double", for a = -1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Ed25519CompletedPoint Double()
    {
        var a = Ed25519FieldElement.Square(X);
        var b = Ed25519FieldElement.Square(Y);
        var zz = Ed25519FieldElement.Square(Z);
        var c = Ed25519FieldElement.Add(zz, zz);
        var h = Ed25519FieldElement.Add(a, b);
        var e = Ed25519FieldElement.Subtract(h, Ed25519FieldElement.Square(Ed25519FieldElement.Add(X, Y)));
        var g = Ed25519FieldElement.Subtract(a, b);
        var f = Ed25519FieldElement.Add(c, g);
        return new Ed25519CompletedPoint(e, f, g, h);
    }

    /// <summary>RFC 8032 §5.1.2 encoding of (X/Z, Y/Z).</summary>
    public void Encode(Span<byte> destination)
    {
        var zInverse = Ed25519FieldElement.Invert(Z);
        var x = Ed25519FieldElement.Multiply(X, zInverse);
        var y = Ed25519FieldElement.Multiply(Y, zInverse);
        y.ToBytes(destination);
        if (x.IsNegative)
        {
            destination[31] |= 0x80;
        }
    }
}

/// <summary>
/// The intermediate result of RFC 8032 §5.1.4 addition and doubling before the final four multiplications:
/// E, F, G, H with x = E/G and y = H/F (X3 = E·F, Y3 = G·H, Z3 = F·G, T3 = E·H).
/// </summary>
internal readonly struct Ed25519CompletedPoint
{
    private readonly Ed25519FieldElement _e, _f, _g, _h;

    public Ed25519CompletedPoint(Ed25519FieldElement e, Ed25519FieldElement f, Ed25519FieldElement g, Ed25519FieldElement h)
    {
        _e = e;
        _f = f;
        _g = g;
        _h = h;
    }

    /// <summary>Extended coordinates, needed before an addition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Ed25519Point ToExtended() => new(
        Ed25519FieldElement.Multiply(_e, _f),
        Ed25519FieldElement.Multiply(_g, _h),
        Ed25519FieldElement.Multiply(_f, _g),
        Ed25519FieldElement.Multiply(_e, _h));

    /// <summary>Projective coordinates (T skipped), enough before a doubling.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Ed25519ProjectivePoint ToProjective() => new(
        Ed25519FieldElement.Multiply(_e, _f),
        Ed25519FieldElement.Multiply(_g, _h),
        Ed25519FieldElement.Multiply(_f, _g));
}

/// <summary>A point stored as (y + x, y - x, 2·d·x·y) in affine coordinates, ready to be added.</summary>
internal readonly struct Ed25519AffineNielsPoint
{
    public Ed25519AffineNielsPoint(Ed25519FieldElement yPlusX, Ed25519FieldElement yMinusX, Ed25519FieldElement xy2d)
    {
        YPlusX = yPlusX;
        YMinusX = yMinusX;
        XY2D = xy2d;
    }

    public Ed25519FieldElement YPlusX { get; }

    public Ed25519FieldElement YMinusX { get; }

    public Ed25519FieldElement XY2D { get; }
}
