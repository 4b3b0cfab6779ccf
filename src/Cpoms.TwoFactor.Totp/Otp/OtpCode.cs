namespace Cpoms.TwoFactor.Totp.Otp;

/// <summary>Parsing of the code a person typed.</summary>
internal static class OtpCode
{
    /// <summary>
    /// Accepts ASCII digits only, ignoring spaces (and other white space) anywhere, as apps show codes as
    /// "123 456". Returns the numeric value and the number of digits, or <see langword="false"/> for any other
    /// character or for more than 8 digits.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> input, out int value, out int length)
    {
        value = 0;
        length = 0;
        foreach (var c in input)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (!char.IsAsciiDigit(c) || length == 8)
            {
                value = 0;
                length = 0;
                return false;
            }

            value = (value * 10) + (c - '0');
            length++;
        }

        return length > 0;
    }
}
