using System.Security.Cryptography;

namespace Cpoms.TwoFactor.Sample.Tests.Infrastructure;

/// <summary>
/// An independent RFC 6238 (TOTP, HMAC-SHA-1) and RFC 4648 Base32 implementation for the tests, so the codes
/// the tests type come from the standard, not from the code under test.
/// </summary>
internal static class Rfc6238
{
    /// <summary>The code for <paramref name="key"/> at <paramref name="time"/> (RFC 6238 §4.2: T = floor(unix time / X)).</summary>
    public static string Code(byte[] key, DateTimeOffset time, int digits = 6, int periodSeconds = 30)
    {
        var counter = time.ToUnixTimeSeconds() / periodSeconds;
        var message = new byte[8];
        for (var i = 7; i >= 0; i--)
        {
            message[i] = (byte)(counter & 0xFF);
            counter >>= 8;
        }

        var hash = HMACSHA1.HashData(key, message);

        // RFC 4226 §5.3: dynamic truncation.
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        var modulus = (int)Math.Pow(10, digits);
        return (binary % modulus).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>A well-formed code that is not <paramref name="code"/> (the next number, wrapping at 10^digits).</summary>
    public static string Other(string code)
    {
        var next = (long.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % (long)Math.Pow(10, code.Length);
        return next.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(code.Length, '0');
    }

    /// <summary>RFC 4648 §6 Base32 decoding; spaces are ignored, padding is optional.</summary>
    public static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is ' ' or '=')
            {
                continue;
            }

            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not Base32.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. output];
    }
}
