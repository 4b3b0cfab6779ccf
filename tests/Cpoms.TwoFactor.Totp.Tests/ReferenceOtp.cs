using System.Buffers.Binary;
using System.Security.Cryptography;
using Cpoms.TwoFactor.Core.Devices;

namespace Cpoms.TwoFactor.Totp.Tests;

/// <summary>
/// An independent test oracle: RFC 4226 written straight from the text over the platform's one-shot HMAC
/// (not the package's pad-based HMAC), itself checked against the RFC vectors in <see cref="ReferenceOtpTests"/>.
/// </summary>
internal static class ReferenceOtp
{
    public static string Code(OtpAlgorithm algorithm, byte[] key, long counter, int digits)
    {
        var message = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        var mac = algorithm switch
        {
            OtpAlgorithm.Sha1 => HMACSHA1.HashData(key, message),
            OtpAlgorithm.Sha256 => HMACSHA256.HashData(key, message),
            _ => HMACSHA512.HashData(key, message),
        };
        var offset = mac[^1] & 0xf;
        var binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
        var modulus = 1;
        for (var i = 0; i < digits; i++)
        {
            modulus *= 10;
        }

        return (binary % modulus).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    public static long Step(DateTimeOffset time, int period) => time.ToUnixTimeSeconds() / period;

    public static string TotpCode(byte[] key, DateTimeOffset time, int offsetSteps = 0, OtpAlgorithm algorithm = OtpAlgorithm.Sha1, int digits = 6, int period = 30) =>
        Code(algorithm, key, Step(time, period) + offsetSteps, digits);
}

public sealed class ReferenceOtpTests
{
    [Theory]
    [MemberData(nameof(Rfc.Rfc6238VectorTests.Vectors), MemberType = typeof(Rfc.Rfc6238VectorTests))]
    public void TotpCode_MatchesRfc6238AppendixB(long unixSeconds, string stepHex, OtpAlgorithm algorithm, int expected)
    {
        _ = stepHex;
        var code = ReferenceOtp.TotpCode(Rfc.Rfc6238VectorTests.Seed(algorithm), DateTimeOffset.FromUnixTimeSeconds(unixSeconds), algorithm: algorithm, digits: 8);
        Assert.Equal(expected.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), code);
    }
}
