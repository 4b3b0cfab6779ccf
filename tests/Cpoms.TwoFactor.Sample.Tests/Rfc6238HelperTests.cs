using System.Text;
using Cpoms.TwoFactor.Sample.Tests.Infrastructure;

namespace Cpoms.TwoFactor.Sample.Tests;

/// <summary>Checks the tests' own TOTP helper against the published vectors before trusting it.</summary>
public sealed class Rfc6238HelperTests
{
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(2000000000L, "69279037")]
    public void Code_Rfc6238AppendixBSha1_MatchesVector(long unixTime, string expected)
    {
        // RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890", 8 digits, X = 30.
        var key = Encoding.ASCII.GetBytes("12345678901234567890");

        Assert.Equal(expected, Rfc6238.Code(key, DateTimeOffset.FromUnixTimeSeconds(unixTime), digits: 8));
    }

    [Fact]
    public void Base32Decode_Rfc4648Vector_MatchesFoobar()
    {
        // RFC 4648 §10: BASE32("foobar") = "MZXW6YTBOI======".
        Assert.Equal("foobar"u8.ToArray(), Rfc6238.Base32Decode("MZXW 6YTB OI======"));
    }
}
