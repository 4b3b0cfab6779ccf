namespace Cpoms.TwoFactor.WebAuthn.Protocol;

/// <summary>
/// Strict base64url (RFC 4648 §5) without padding, as WebAuthn's JSON forms use it: only the URL-safe alphabet,
/// no padding, no whitespace, and the unused low bits of the last character must be zero. Every byte string
/// therefore has exactly one accepted encoding, so comparing decoded bytes is the same as comparing strings.
/// </summary>
internal static class Base64UrlCodec
{
    private static readonly sbyte[] DecodeTable = BuildTable();

    /// <summary>The decoded length of <paramref name="encodedLength"/> characters, or -1 when no input has that length.</summary>
    public static int GetDecodedLength(int encodedLength)
    {
        var remainder = encodedLength % 4;
        return remainder == 1 ? -1 : (encodedLength / 4 * 3) + (remainder == 0 ? 0 : remainder - 1);
    }

    /// <summary>Decodes UTF-8 base64url text into <paramref name="destination"/>.</summary>
    /// <returns><see langword="false"/> when the text is not canonical base64url or does not fit.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, Span<byte> destination, out int written)
    {
        written = 0;
        var length = GetDecodedLength(encoded.Length);
        if (length < 0 || length > destination.Length)
        {
            return false;
        }

        var o = 0;
        var i = 0;
        for (; i + 4 <= encoded.Length; i += 4)
        {
            int a = DecodeTable[encoded[i]], b = DecodeTable[encoded[i + 1]], c = DecodeTable[encoded[i + 2]], d = DecodeTable[encoded[i + 3]];
            if ((a | b | c | d) < 0)
            {
                return false;
            }

            var v = (a << 18) | (b << 12) | (c << 6) | d;
            destination[o++] = unchecked((byte)(v >> 16));
            destination[o++] = unchecked((byte)(v >> 8));
            destination[o++] = unchecked((byte)v);
        }

        var rest = encoded.Length - i;
        if (rest == 2)
        {
            int a = DecodeTable[encoded[i]], b = DecodeTable[encoded[i + 1]];
            if ((a | b) < 0 || (b & 0x0F) != 0)
            {
                return false;
            }

            destination[o++] = unchecked((byte)((a << 2) | (b >> 4)));
        }
        else if (rest == 3)
        {
            int a = DecodeTable[encoded[i]], b = DecodeTable[encoded[i + 1]], c = DecodeTable[encoded[i + 2]];
            if ((a | b | c) < 0 || (c & 0x03) != 0)
            {
                return false;
            }

            var v = (a << 12) | (b << 6) | c;
            destination[o++] = unchecked((byte)(v >> 10));
            destination[o++] = unchecked((byte)(v >> 2));
        }

        written = o;
        return true;
    }

    /// <summary>Decodes UTF-8 base64url text into a new array, or <see langword="null"/> when it is not canonical base64url.</summary>
    public static byte[]? Decode(ReadOnlySpan<byte> encoded)
    {
        var length = GetDecodedLength(encoded.Length);
        if (length < 0)
        {
            return null;
        }

        var result = length == 0 ? [] : new byte[length];
        return TryDecode(encoded, result, out _) ? result : null;
    }

    /// <summary>Encodes bytes as base64url without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    private static sbyte[] BuildTable()
    {
        var table = new sbyte[256];
        Array.Fill(table, (sbyte)-1);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (var i = 0; i < alphabet.Length; i++)
        {
            table[alphabet[i]] = (sbyte)i;
        }

        return table;
    }
}
