using Cpoms.TwoFactor.WebAuthn.Cryptography;
using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ed25519;

/// <summary>Point decoding (RFC 8032 §5.1.3) and encoding (§5.1.2) checked against the BigInteger reference.</summary>
public sealed class Ed25519PointTests
{
    [Fact]
    public void TryDecode_AgreesWithReferenceOnArbitraryBytes()
    {
        // About half of all 32-byte strings encode a point; both sides must agree on which, and re-encode them
        // to the same bytes.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), Prop.ForAll(ArbMap.Default.GeneratorFor<byte>().ArrayOf(32).ToArbitrary(), encoded =>
        {
            var decoded = Ed25519Point.TryDecode(encoded, out var point);
            var expected = Ed25519Reference.TryDecode(encoded, out _);
            if (decoded != expected)
            {
                return false;
            }

            if (!decoded)
            {
                return true;
            }

            var reencoded = new byte[32];
            point.Encode(reencoded);
            return reencoded.AsSpan().SequenceEqual(encoded);
        }));
    }

    [Fact]
    public void IsSmallOrder_AgreesWithReferenceOnPointsWithTorsion()
    {
        // Random points P plus each small-order point T: P + T is of small order only when P is.
        var smallOrder = Ed25519VerifyTests.SmallOrderCanonicalHex;
        var cases =
            from encoded in ArbMap.Default.GeneratorFor<byte>().ArrayOf(32)
            from torsion in Gen.Elements(smallOrder)
            select (Encoded: encoded, Torsion: torsion);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(cases.ToArbitrary(), input =>
        {
            if (!Ed25519Reference.TryDecode(input.Encoded, out var p) || !Ed25519Reference.TryDecode(Convert.FromHexString(input.Torsion), out var t))
            {
                return true;
            }

            var sum = Ed25519Reference.Encode(Ed25519Reference.Add(p, t));
            return Ed25519Point.TryDecode(sum, out var point) && point.IsSmallOrder == Ed25519Reference.IsSmallOrder(Ed25519Reference.Add(p, t));
        }));
    }

    [Theory]
    [MemberData(nameof(Ed25519VerifyTests.SmallOrderCanonical), MemberType = typeof(Ed25519VerifyTests))]
    public void IsSmallOrder_IsTrueForSmallOrderPoint(string encoded)
    {
        Assert.True(Ed25519Point.TryDecode(Convert.FromHexString(encoded), out var point));
        Assert.True(point.IsSmallOrder);
    }

    [Fact]
    public void IsSmallOrder_IsFalseForBasePoint()
    {
        Assert.False(Ed25519Point.BasePoint.IsSmallOrder);
    }
}
