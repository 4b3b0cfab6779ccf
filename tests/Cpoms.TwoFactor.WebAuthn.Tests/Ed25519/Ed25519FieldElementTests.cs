using System.Numerics;
using Cpoms.TwoFactor.WebAuthn.Cryptography;
using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ed25519;

/// <summary>GF(2^255 - 19) arithmetic checked against BigInteger mod p.</summary>
public sealed class Ed25519FieldElementTests
{
    private static readonly BigInteger P = Ed25519Reference.P;

    private static readonly BigInteger Mask255 = BigInteger.Pow(2, 255) - 1;

    /// <summary>Uniform 32-byte strings, mixed with limb-boundary patterns (all ones, all zeros, p-adjacent values).</summary>
    private static readonly Gen<byte[]> Elements = Gen.OneOf(
        ArbMap.Default.GeneratorFor<byte>().ArrayOf(32),
        Gen.Elements(EdgeValues().Select(value => Ed25519Reference.ToLittleEndian(value, 32)).ToArray()));

    /// <summary>Values around p, 2^255 and the 51-bit limb boundaries.</summary>
    public static TheoryData<string> EdgeHex => new(EdgeValues().Select(value => value.ToString("x", System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [MemberData(nameof(EdgeHex))]
    public void ToBytes_ReturnsCanonicalResidue(string hex)
    {
        var value = BigInteger.Parse("0" + hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(value % P, Value(Element(value)));
    }

    [Theory]
    [MemberData(nameof(EdgeHex))]
    public void Square_MatchesBigIntegerOnEdgeValue(string hex)
    {
        var value = BigInteger.Parse("0" + hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(value * value % P, Value(Ed25519FieldElement.Square(Element(value))));
    }

    [Fact]
    public void FromBytes_IgnoresBit255()
    {
        var bytes = new byte[32];
        bytes[0] = 5;
        bytes[31] = 0x80;

        Assert.Equal(5, Value(Ed25519FieldElement.FromBytes(bytes)));
    }

    [Fact]
    public void Invert_OfZeroIsZero()
    {
        Assert.Equal(0, Value(Ed25519FieldElement.Invert(Ed25519FieldElement.Zero)));
    }

    [Fact]
    public void SqrtMinusOne_SquaresToMinusOne()
    {
        Assert.Equal(P - 1, Value(Ed25519FieldElement.Square(Ed25519Point.SqrtMinusOne)));
    }

    [Fact]
    public void Arithmetic_MatchesBigInteger()
    {
        var pairs = Elements.SelectMany(a => Elements.Select(b => (A: a, B: b)));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(pairs.ToArbitrary(), input =>
        {
            var a = Ed25519FieldElement.FromBytes(input.A);
            var b = Ed25519FieldElement.FromBytes(input.B);
            var x = Ed25519Reference.FromLittleEndian(input.A) & Mask255;
            var y = Ed25519Reference.FromLittleEndian(input.B) & Mask255;

            return Value(Ed25519FieldElement.Add(a, b)) == (x + y) % P
                && Value(Ed25519FieldElement.Subtract(a, b)) == Ed25519Reference.Mod(x - y)
                && Value(Ed25519FieldElement.Multiply(a, b)) == x * y % P
                && Value(Ed25519FieldElement.Square(a)) == x * x % P
                && Value(Ed25519FieldElement.Negate(a)) == Ed25519Reference.Mod(-x)
                && Ed25519FieldElement.AreEqual(a, b) == (x % P == y % P);
        }));
    }

    [Fact]
    public void ChainedArithmetic_MatchesBigInteger()
    {
        // Feeds unreduced outputs back as inputs many times, so carries at the limb bounds get exercised.
        var pairs = Elements.SelectMany(a => Elements.Select(b => (A: a, B: b)));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), Prop.ForAll(pairs.ToArbitrary(), input =>
        {
            var a = Ed25519FieldElement.FromBytes(input.A);
            var b = Ed25519FieldElement.FromBytes(input.B);
            var x = Ed25519Reference.FromLittleEndian(input.A) & Mask255;
            var y = Ed25519Reference.FromLittleEndian(input.B) & Mask255;
            for (var i = 0; i < 20; i++)
            {
                a = Ed25519FieldElement.Subtract(Ed25519FieldElement.Multiply(Ed25519FieldElement.Add(a, b), Ed25519FieldElement.Add(a, a)), b);
                b = Ed25519FieldElement.Square(Ed25519FieldElement.Subtract(b, a));
                x = Ed25519Reference.Mod(((x + y) * (x + x)) - y);
                y = Ed25519Reference.Mod((y - x) * (y - x));
            }

            return Value(a) == x && Value(b) == y;
        }));
    }

    [Fact]
    public void InvertAndPow_MatchBigInteger()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(50), Prop.ForAll(Elements.ToArbitrary(), input =>
        {
            var a = Ed25519FieldElement.FromBytes(input);
            var x = Ed25519Reference.FromLittleEndian(input) & Mask255;

            return Value(Ed25519FieldElement.Invert(a)) == BigInteger.ModPow(x, P - 2, P)
                && Value(Ed25519FieldElement.PowPMinus5Over8(a)) == BigInteger.ModPow(x, (P - 5) / 8, P);
        }));
    }

    private static IEnumerable<BigInteger> EdgeValues()
    {
        var two255 = BigInteger.Pow(2, 255);
        var limb = BigInteger.Pow(2, 51);
        BigInteger[] values =
        [
            0, 1, 2, 18, 19, 20, limb - 1, limb, limb + 1,
            P - 20, P - 19, P - 2, P - 1, P, P + 1, P + 18, two255 - 1, two255 - 2,
            (limb - 1) * (1 + limb + (limb * limb) + (limb * limb * limb) + (limb * limb * limb * limb)),
            BigInteger.Pow(2, 204), BigInteger.Pow(2, 204) - 1, BigInteger.Pow(2, 254),
        ];
        return values.Select(value => value & Mask255).Distinct();
    }

    private static Ed25519FieldElement Element(BigInteger value) =>
        Ed25519FieldElement.FromBytes(Ed25519Reference.ToLittleEndian(value, 32));

    private static BigInteger Value(Ed25519FieldElement element)
    {
        var bytes = new byte[32];
        element.ToBytes(bytes);
        return Ed25519Reference.FromLittleEndian(bytes);
    }
}
