using System.Text;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Totp.Otp;

namespace Cpoms.TwoFactor.Totp.Tests.Rfc;

/// <summary>RFC 6238 Appendix B: TOTP test values (8 digits, X = 30 s, T0 = 0).</summary>
public sealed class Rfc6238VectorTests
{
    public static TheoryData<long, string, OtpAlgorithm, int> Vectors => new()
    {
        { 59, "0000000000000001", OtpAlgorithm.Sha1, 94287082 },
        { 59, "0000000000000001", OtpAlgorithm.Sha256, 46119246 },
        { 59, "0000000000000001", OtpAlgorithm.Sha512, 90693936 },
        { 1111111109, "00000000023523EC", OtpAlgorithm.Sha1, 07081804 },
        { 1111111109, "00000000023523EC", OtpAlgorithm.Sha256, 68084774 },
        { 1111111109, "00000000023523EC", OtpAlgorithm.Sha512, 25091201 },
        { 1111111111, "00000000023523ED", OtpAlgorithm.Sha1, 14050471 },
        { 1111111111, "00000000023523ED", OtpAlgorithm.Sha256, 67062674 },
        { 1111111111, "00000000023523ED", OtpAlgorithm.Sha512, 99943326 },
        { 1234567890, "000000000273EF07", OtpAlgorithm.Sha1, 89005924 },
        { 1234567890, "000000000273EF07", OtpAlgorithm.Sha256, 91819424 },
        { 1234567890, "000000000273EF07", OtpAlgorithm.Sha512, 93441116 },
        { 2000000000, "0000000003F940AA", OtpAlgorithm.Sha1, 69279037 },
        { 2000000000, "0000000003F940AA", OtpAlgorithm.Sha256, 90698825 },
        { 2000000000, "0000000003F940AA", OtpAlgorithm.Sha512, 38618901 },
        { 20000000000, "0000000027BC86AA", OtpAlgorithm.Sha1, 65353130 },
        { 20000000000, "0000000027BC86AA", OtpAlgorithm.Sha256, 77737706 },
        { 20000000000, "0000000027BC86AA", OtpAlgorithm.Sha512, 47863826 },
    };

    /// <summary>The seeds of Appendix B: the ASCII digits repeated to the hash's output size.</summary>
    internal static byte[] Seed(OtpAlgorithm algorithm) => Encoding.ASCII.GetBytes(algorithm switch
    {
        OtpAlgorithm.Sha1 => "12345678901234567890",
        OtpAlgorithm.Sha256 => "12345678901234567890123456789012",
        _ => "1234567890123456789012345678901234567890123456789012345678901234",
    });

    [Theory]
    [MemberData(nameof(Vectors))]
    public void TimeStep_MatchesAppendixB(long unixSeconds, string stepHex, OtpAlgorithm algorithm, int expected)
    {
        _ = algorithm;
        _ = expected;
        Assert.Equal(Convert.ToInt64(stepHex, 16), TimeSteps.At(DateTimeOffset.FromUnixTimeSeconds(unixSeconds), 30));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Compute_MatchesAppendixB(long unixSeconds, string stepHex, OtpAlgorithm algorithm, int expected)
    {
        _ = stepHex;
        var step = TimeSteps.At(DateTimeOffset.FromUnixTimeSeconds(unixSeconds), 30);
        Assert.Equal(expected, Hotp.Compute(algorithm, Seed(algorithm), step, 8));
    }
}
