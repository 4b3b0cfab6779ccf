using System.Numerics;
using Cpoms.TwoFactor.WebAuthn.Cryptography;
using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ed25519;

/// <summary>Scalars mod L checked against BigInteger.</summary>
public sealed class Ed25519ScalarTests
{
    private static readonly BigInteger L = Ed25519Reference.L;

    public static TheoryData<string> WideEdgeHex => new(
        new[]
        {
            BigInteger.Zero, BigInteger.One, L - 1, L, L + 1, 2 * L, 3 * L - 1, BigInteger.Pow(2, 256) - 1,
            BigInteger.Pow(2, 512) - 1, (BigInteger.Pow(2, 512) - 1) / L * L, ((BigInteger.Pow(2, 512) - 1) / L * L) - 1,
            BigInteger.Pow(2, 511), BigInteger.Pow(2, 252) * BigInteger.Pow(2, 252),
        }.Select(Hex));

    [Theory]
    [MemberData(nameof(WideEdgeHex))]
    public void Reduce_MatchesBigIntegerOnEdgeValue(string hex)
    {
        var value = Parse(hex);

        Assert.Equal(value % L, Reduce(value));
    }

    [Fact]
    public void Reduce_MatchesBigInteger()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(ArbMap.Default.GeneratorFor<byte>().ArrayOf(64).ToArbitrary(), wide =>
        {
            var destination = new byte[32];
            Ed25519Scalar.Reduce(wide, destination);
            return Ed25519Reference.FromLittleEndian(destination) == Ed25519Reference.FromLittleEndian(wide) % L;
        }));
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("1", true)]
    [InlineData("1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ec", true)]
    [InlineData("1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed", false)]
    [InlineData("1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ee", false)]
    [InlineData("1000000000000000000000000000000000000000000000000000000000000000", true)]
    [InlineData("1000000000000000000000000000000100000000000000000000000000000000", false)]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", false)]
    public void IsCanonical_ComparesWithL(string hex, bool expected)
    {
        // Values are big-endian hex; L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 §5.1).
        Assert.Equal(expected, Ed25519Scalar.IsCanonical(Ed25519Reference.ToLittleEndian(Parse(hex), 32)));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(8)]
    public void ComputeNaf_RepresentsTheScalar(int width)
    {
        var scalars = ArbMap.Default.GeneratorFor<byte>().ArrayOf(32).Select(bytes =>
        {
            bytes[31] &= 0x1F;
            return bytes;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(scalars.ToArbitrary(), scalar =>
        {
            var naf = new sbyte[256];
            Ed25519Scalar.ComputeNaf(scalar, width, naf);

            var sum = BigInteger.Zero;
            var lastNonZero = -width;
            var wellFormed = true;
            for (var i = 0; i < naf.Length; i++)
            {
                if (naf[i] == 0)
                {
                    continue;
                }

                sum += naf[i] * BigInteger.Pow(2, i);
                wellFormed &= (naf[i] & 1) == 1 && Math.Abs((int)naf[i]) < (1 << (width - 1)) && i - lastNonZero >= width;
                lastNonZero = i;
            }

            return wellFormed && sum == Ed25519Reference.FromLittleEndian(scalar);
        }));
    }

    [Fact]
    public void ComputeNaf_HandlesLargestScalar()
    {
        var scalar = Ed25519Reference.ToLittleEndian(BigInteger.Pow(2, 253) - 1, 32);
        var naf = new sbyte[256];
        Ed25519Scalar.ComputeNaf(scalar, 8, naf);

        var sum = BigInteger.Zero;
        for (var i = 0; i < naf.Length; i++)
        {
            sum += naf[i] * BigInteger.Pow(2, i);
        }

        Assert.Equal(BigInteger.Pow(2, 253) - 1, sum);
    }

    private static BigInteger Reduce(BigInteger value)
    {
        var destination = new byte[32];
        Ed25519Scalar.Reduce(Ed25519Reference.ToLittleEndian(value, 64), destination);
        return Ed25519Reference.FromLittleEndian(destination);
    }

    private static string Hex(BigInteger value) => value.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    private static BigInteger Parse(string hex) =>
        BigInteger.Parse("0" + hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
}
