using System.Security.Cryptography;
using Cpoms.TwoFactor.Core.Devices;
using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.Totp.Tests;

public sealed class OneTimePasswordTests
{
    [Theory]
    [MemberData(nameof(Rfc.Rfc6238VectorTests.Vectors), MemberType = typeof(Rfc.Rfc6238VectorTests))]
    public void WriteTotp_MatchesRfc6238AppendixB(long unixSeconds, string stepHex, OtpAlgorithm algorithm, int expected)
    {
        _ = stepHex;
        var code = new char[8];

        OneTimePassword.WriteTotp(Rfc.Rfc6238VectorTests.Seed(algorithm), DateTimeOffset.FromUnixTimeSeconds(unixSeconds), TimeSpan.FromSeconds(30), algorithm, 8, code);

        Assert.Equal(expected.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), new string(code));
    }

    [Fact]
    public void WriteHotp_LeadingZeroKept()
    {
        // RFC 6238 Appendix B: SHA-1 at 1111111109 is 07081804 (counter 0x23523EC).
        var code = new char[8];

        OneTimePassword.WriteHotp(Rfc.Rfc6238VectorTests.Seed(OtpAlgorithm.Sha1), 0x23523EC, OtpAlgorithm.Sha1, 8, code);

        Assert.Equal("07081804", new string(code));
    }

    [Fact]
    public void WriteHotp_AnySecretCounterAndDigits_WritesExactlyDigitsAsciiDigitsMatchingReference()
    {
        var cases =
            from length in Gen.Choose(1, 100)
            from secret in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)
            from counter in ArbMap.Default.GeneratorFor<long>()
            from algorithm in Gen.Elements(OtpAlgorithm.Sha1, OtpAlgorithm.Sha256, OtpAlgorithm.Sha512)
            from digits in Gen.Choose(6, 8)
            select (secret, counter, algorithm, digits);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            Span<char> buffer = stackalloc char[10];
            buffer.Fill('x');
            var written = OneTimePassword.WriteHotp(c.secret, c.counter, c.algorithm, c.digits, buffer);
            var code = new string(buffer[..written]);
            return written == c.digits && code.All(char.IsAsciiDigit) && buffer[written] == 'x' &&
                   code == ReferenceOtp.Code(c.algorithm, c.secret, c.counter, c.digits);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    public void WriteHotp_UnsupportedDigits_Throws(int digits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OneTimePassword.WriteHotp(RandomNumberGenerator.GetBytes(20), 1, OtpAlgorithm.Sha1, digits, new char[10]));

    [Fact]
    public void WriteHotp_ShortDestination_Throws() =>
        Assert.Throws<ArgumentException>(() => OneTimePassword.WriteHotp(RandomNumberGenerator.GetBytes(20), 1, OtpAlgorithm.Sha1, 8, new char[6]));

    [Fact]
    public void WriteTotp_FractionalPeriod_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OneTimePassword.WriteTotp(
            RandomNumberGenerator.GetBytes(20), DateTimeOffset.UnixEpoch, TimeSpan.FromMilliseconds(1500), OtpAlgorithm.Sha1, 6, new char[6]));
}
