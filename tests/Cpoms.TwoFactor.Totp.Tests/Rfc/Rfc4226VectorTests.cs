using System.Text;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Totp.Otp;

namespace Cpoms.TwoFactor.Totp.Tests.Rfc;

/// <summary>RFC 4226 Appendix D: HOTP test values for the secret "12345678901234567890".</summary>
public sealed class Rfc4226VectorTests
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(0, 755224)]
    [InlineData(1, 287082)]
    [InlineData(2, 359152)]
    [InlineData(3, 969429)]
    [InlineData(4, 338314)]
    [InlineData(5, 254676)]
    [InlineData(6, 287922)]
    [InlineData(7, 162583)]
    [InlineData(8, 399871)]
    [InlineData(9, 520489)]
    public void Compute_MatchesAppendixD(long counter, int expected) =>
        Assert.Equal(expected, Hotp.Compute(OtpAlgorithm.Sha1, Secret, counter, 6));

    [Theory]
    [InlineData(0, 1284755224)]
    [InlineData(1, 1094287082)]
    [InlineData(2, 137359152)]
    [InlineData(3, 1726969429)]
    [InlineData(4, 1640338314)]
    [InlineData(5, 868254676)]
    [InlineData(6, 1918287922)]
    [InlineData(7, 82162583)]
    [InlineData(8, 673399871)]
    [InlineData(9, 645520489)]
    public void Compute_TruncatedValueModuloTenDigitsMatchesAppendixD(long counter, int truncated) =>
        Assert.Equal(truncated % 100_000_000, Hotp.Compute(OtpAlgorithm.Sha1, Secret, counter, 8));
}
