using System.Numerics;
using System.Security.Cryptography;

namespace Cpoms.TwoFactor.WebAuthn.Cose;

/// <summary>Checks that affine coordinates are a point on a NIST prime curve (SEC 1 §3.2.2.1 partial public key validation).</summary>
/// <remarks>
/// The curves are y² = x³ − 3x + b over GF(p) (FIPS 186-4 / SP 800-186). Their cofactor is 1, so every point on the
/// curve other than the point at infinity lies in the prime-order group; the point at infinity has no affine
/// coordinates and its common stand-in (0, 0) is not on any of these curves, so the equation check rejects it.
/// </remarks>
internal static class EcCurvePoint
{
    private static readonly Curve P256 = new(
        "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
        "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");

    private static readonly Curve P384 = new(
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
        "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef");

    private static readonly Curve P521 = new(
        "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00");

    /// <summary>Whether (x, y) satisfies the curve equation with both coordinates in [0, p).</summary>
    /// <param name="fieldSize">32 (P-256), 48 (P-384) or 66 (P-521).</param>
    /// <param name="x">The big-endian x coordinate.</param>
    /// <param name="y">The big-endian y coordinate.</param>
    public static bool IsOnCurve(int fieldSize, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var curve = fieldSize switch
        {
            32 => P256,
            48 => P384,
            66 => P521,
            _ => throw new ArgumentOutOfRangeException(nameof(fieldSize)),
        };

        var bx = new BigInteger(x, isUnsigned: true, isBigEndian: true);
        var by = new BigInteger(y, isUnsigned: true, isBigEndian: true);
        if (bx >= curve.P || by >= curve.P)
        {
            return false;
        }

        var left = BigInteger.ModPow(by, 2, curve.P);
        var right = (BigInteger.ModPow(bx, 3, curve.P) - (3 * bx) + curve.B) % curve.P;
        if (right.Sign < 0)
        {
            right += curve.P;
        }

        return left == right;
    }

    /// <summary>The named curve for a field size.</summary>
    public static ECCurve NamedCurve(int fieldSize) => fieldSize switch
    {
        32 => ECCurve.NamedCurves.nistP256,
        48 => ECCurve.NamedCurves.nistP384,
        _ => ECCurve.NamedCurves.nistP521,
    };

    private sealed class Curve(string p, string b)
    {
        public BigInteger P { get; } = new(Convert.FromHexString(p), isUnsigned: true, isBigEndian: true);

        public BigInteger B { get; } = new(Convert.FromHexString(b), isUnsigned: true, isBigEndian: true);
    }
}
