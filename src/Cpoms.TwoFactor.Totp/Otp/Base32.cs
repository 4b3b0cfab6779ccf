namespace Cpoms.TwoFactor.Totp.Otp;

/// <summary>Thrown inside the Totp package for malformed Base32 or key URIs; converted to results at the public boundary.</summary>
internal sealed class OtpFormatException(string message) : FormatException(message);

/// <summary>
/// RFC 4648 §6 Base32 (alphabet A–Z, 2–7). Encoding writes no padding (key URIs omit it). Decoding is strict:
/// letters in either case, spaces ignored, padding optional but checked when present, and the unused
/// trailing bits must be zero so that every secret has exactly one spelling.
/// </summary>
internal static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Encodes without padding (RFC 4648 §3.2 allows omitting it where the length is known).</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var length = ((data.Length * 8) + 4) / 5;
        var chars = length <= 256 ? stackalloc char[length] : new char[length];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[index++] = Alphabet[(buffer >> bits) & 31];
            }
        }

        if (bits > 0)
        {
            chars[index++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        var result = new string(chars);
        chars.Clear();
        return result;
    }

    /// <summary>Encodes in groups of four characters separated by spaces, for typing in by hand.</summary>
    public static string EncodeGrouped(ReadOnlySpan<byte> data)
    {
        var plain = Encode(data);
        var grouped = string.Create(plain.Length + ((plain.Length - 1) / 4), plain, static (span, source) =>
        {
            var j = 0;
            for (var i = 0; i < source.Length; i++)
            {
                if (i > 0 && i % 4 == 0)
                {
                    span[j++] = ' ';
                }

                span[j++] = source[i];
            }
        });
        return grouped;
    }

    /// <summary>Decodes <paramref name="text"/>; throws <see cref="OtpFormatException"/> with a clear reason.</summary>
    public static byte[] Decode(ReadOnlySpan<char> text)
    {
        // Count the significant characters and find where padding starts.
        var symbols = 0;
        var padding = 0;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                continue;
            }

            if (c == '=')
            {
                padding++;
                continue;
            }

            if (padding > 0)
            {
                throw new OtpFormatException("Base32 text has characters after its '=' padding.");
            }

            if (Value(c) < 0)
            {
                throw new OtpFormatException("Base32 text may contain only the letters A to Z, the digits 2 to 7, spaces and '=' padding.");
            }

            symbols++;
        }

        if (symbols == 0)
        {
            throw new OtpFormatException("Base32 text is empty.");
        }

        // RFC 4648 §6: the last quantum has 2, 4, 5 or 7 symbols (then 6, 4, 3 or 1 '='), or 8 and no padding.
        var tail = symbols % 8;
        if (tail is 1 or 3 or 6)
        {
            throw new OtpFormatException("Base32 text is too short: its last group is incomplete.");
        }

        if (padding != 0 && padding != (tail switch { 2 => 6, 4 => 4, 5 => 3, 7 => 1, _ => 0 }))
        {
            throw new OtpFormatException("Base32 text has the wrong amount of '=' padding.");
        }

        var result = new byte[symbols * 5 / 8];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        foreach (var c in text)
        {
            var v = Value(c);
            if (v < 0)
            {
                continue;
            }

            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                result[index++] = (byte)(buffer >> bits);
            }
        }

        if ((buffer & ((1 << bits) - 1)) != 0)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(result);
            throw new OtpFormatException("Base32 text is not canonical: the unused bits of its last character must be zero.");
        }

        return result;
    }

    private static int Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a',
        >= '2' and <= '7' => c - '2' + 26,
        _ => -1,
    };
}
