using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cpoms.TwoFactor.Core.Devices;

namespace Cpoms.TwoFactor.Totp.Otp;

/// <summary>
/// The <c>otpauth://totp/Issuer:account?secret=…</c> key URI that authenticator apps scan (the de-facto
/// "Key Uri Format": label <c>Issuer:account</c>, parameters <c>secret</c>, <c>issuer</c>, <c>algorithm</c>,
/// <c>digits</c>, <c>period</c>). Built names are percent-encoded as RFC 3986 unreserved-only UTF-8, so spaces,
/// colons, <c>@</c> and non-ASCII letters reach the app intact; the one literal colon separates issuer and account.
/// </summary>
internal sealed class KeyUri
{
    private const string Prefix = "otpauth://totp/";

    /// <summary>Creates a key URI description. <paramref name="secret"/> is copied.</summary>
    public KeyUri(string issuer, string accountName, ReadOnlySpan<byte> secret, OtpAlgorithm algorithm, int digits, int periodSeconds)
    {
        Issuer = issuer;
        AccountName = accountName;
        Secret = secret.ToArray();
        Algorithm = algorithm;
        Digits = digits;
        PeriodSeconds = periodSeconds;
    }

    /// <summary>The service name shown in the app; may be empty when parsed from a URI without one.</summary>
    public string Issuer { get; }

    /// <summary>The account name shown in the app.</summary>
    public string AccountName { get; }

    /// <summary>The shared secret. Zero it with <see cref="ClearSecret"/> when done.</summary>
    public byte[] Secret { get; }

    /// <summary>The HMAC algorithm.</summary>
    public OtpAlgorithm Algorithm { get; }

    /// <summary>The code length.</summary>
    public int Digits { get; }

    /// <summary>The time-step length in seconds.</summary>
    public int PeriodSeconds { get; }

    /// <summary>Zeroes <see cref="Secret"/>.</summary>
    public void ClearSecret() => CryptographicOperations.ZeroMemory(Secret);

    /// <summary>Formats the URI. The parameters are always written, including the defaults, so no app guesses.</summary>
    public override string ToString()
    {
        var label = Issuer.Length == 0 ? Escape(AccountName) : Escape(Issuer) + ":" + Escape(AccountName);
        var builder = new StringBuilder(Prefix, 160)
            .Append(label)
            .Append("?secret=").Append(Base32.Encode(Secret));
        if (Issuer.Length != 0)
        {
            builder.Append("&issuer=").Append(Escape(Issuer));
        }

        return builder
            .Append("&algorithm=").Append(AlgorithmName(Algorithm))
            .Append("&digits=").Append(Digits.ToString(CultureInfo.InvariantCulture))
            .Append("&period=").Append(PeriodSeconds.ToString(CultureInfo.InvariantCulture))
            .ToString();
    }

    /// <summary>
    /// Parses a key URI strictly. Throws <see cref="OtpFormatException"/> naming what is wrong: another scheme
    /// or type, a missing or malformed label, bad percent-encoding or UTF-8, a missing, repeated or malformed
    /// parameter, an issuer that differs from the label's, or a secret shorter than 128 bits (RFC 4226 §4 R6).
    /// Unknown parameters are ignored, as apps do.
    /// </summary>
    public static KeyUri Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.StartsWith("otpauth://", StringComparison.OrdinalIgnoreCase))
        {
            throw new OtpFormatException("A key URI must start with 'otpauth://'.");
        }

        var rest = uri.AsSpan("otpauth://".Length);
        var slash = rest.IndexOf('/');
        if (slash < 0 || !rest[..slash].Equals("totp", StringComparison.OrdinalIgnoreCase))
        {
            throw new OtpFormatException("Only 'otpauth://totp/' key URIs are supported.");
        }

        rest = rest[(slash + 1)..];
        if (rest.IndexOf('#') >= 0)
        {
            throw new OtpFormatException("A key URI must not have a fragment ('#').");
        }

        var question = rest.IndexOf('?');
        if (question < 0)
        {
            throw new OtpFormatException("The key URI has no parameters: 'secret' is required.");
        }

        var (labelIssuer, account) = ParseLabel(rest[..question]);
        string? issuer = null;
        string? secretText = null;
        string? algorithmText = null;
        string? digitsText = null;
        string? periodText = null;
        foreach (var range in rest[(question + 1)..].Split('&'))
        {
            var pair = rest[(question + 1)..][range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                throw new OtpFormatException("Every key URI parameter must look like 'name=value'.");
            }

            var name = pair[..equals];
            var value = PercentDecode(pair[(equals + 1)..]);
            if (name.Equals("secret", StringComparison.OrdinalIgnoreCase)) { Set(ref secretText, value, "secret"); }
            else if (name.Equals("issuer", StringComparison.OrdinalIgnoreCase)) { Set(ref issuer, value, "issuer"); }
            else if (name.Equals("algorithm", StringComparison.OrdinalIgnoreCase)) { Set(ref algorithmText, value, "algorithm"); }
            else if (name.Equals("digits", StringComparison.OrdinalIgnoreCase)) { Set(ref digitsText, value, "digits"); }
            else if (name.Equals("period", StringComparison.OrdinalIgnoreCase)) { Set(ref periodText, value, "period"); }
        }

        if (secretText is null)
        {
            throw new OtpFormatException("The key URI has no 'secret' parameter.");
        }

        if (issuer is not null && labelIssuer is not null && !string.Equals(issuer, labelIssuer, StringComparison.Ordinal))
        {
            throw new OtpFormatException("The key URI's 'issuer' parameter differs from the issuer in its label.");
        }

        var algorithm = algorithmText is null ? OtpAlgorithm.Sha1 : algorithmText.ToUpperInvariant() switch
        {
            "SHA1" => OtpAlgorithm.Sha1,
            "SHA256" => OtpAlgorithm.Sha256,
            "SHA512" => OtpAlgorithm.Sha512,
            _ => throw new OtpFormatException("The key URI's 'algorithm' must be SHA1, SHA256 or SHA512."),
        };
        var digits = digitsText is null ? 6 : ParseNumber(digitsText, "digits", 6, 8);
        var period = periodText is null ? 30 : ParseNumber(periodText, "period", 1, 86_400);

        byte[] secret;
        try
        {
            secret = Base32.Decode(secretText);
        }
        catch (OtpFormatException e)
        {
            throw new OtpFormatException("The key URI's 'secret' is not valid Base32: " + e.Message);
        }

        try
        {
            if (secret.Length < 16)
            {
                throw new OtpFormatException("The key URI's 'secret' is too short: at least 128 bits are required.");
            }

            return new KeyUri(issuer ?? labelIssuer ?? "", account, secret, algorithm, digits, period);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The algorithm's name in key URIs.</summary>
    public static string AlgorithmName(OtpAlgorithm algorithm) => algorithm switch
    {
        OtpAlgorithm.Sha1 => "SHA1",
        OtpAlgorithm.Sha256 => "SHA256",
        OtpAlgorithm.Sha512 => "SHA512",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown OTP algorithm."),
    };

    /// <summary>RFC 3986 percent-encoding of everything but the unreserved characters, over UTF-8.</summary>
    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static (string? Issuer, string Account) ParseLabel(ReadOnlySpan<char> raw)
    {
        if (raw.IsEmpty)
        {
            throw new OtpFormatException("The key URI has no label: expected 'otpauth://totp/Issuer:account?...'.");
        }

        // The separator is a literal ':' (or its encoding '%3A' when the label has no literal one).
        string? issuer = null;
        string account;
        var colon = raw.IndexOf(':');
        if (colon >= 0)
        {
            issuer = PercentDecode(raw[..colon]);
            account = PercentDecode(raw[(colon + 1)..]);
        }
        else
        {
            var decoded = PercentDecode(raw);
            var encodedColon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (encodedColon >= 0)
            {
                issuer = decoded[..encodedColon];
                account = decoded[(encodedColon + 1)..];
            }
            else
            {
                account = decoded;
            }
        }

        account = account.TrimStart(' ');
        if (account.Length == 0)
        {
            throw new OtpFormatException("The key URI's label has no account name.");
        }

        return (issuer is { Length: > 0 } ? issuer : null, account);
    }

    /// <summary>Strict RFC 3986 percent-decoding: every '%' starts two hex digits and the bytes are valid UTF-8.</summary>
    private static string PercentDecode(ReadOnlySpan<char> text)
    {
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    throw new OtpFormatException("The key URI has a '%' that is not followed by two hexadecimal digits.");
                }

                var b = byte.Parse(text.Slice(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                bytes[length++] = b;
                i += 2;
            }
            else if (c > 0x7e || c <= 0x20)
            {
                throw new OtpFormatException("The key URI contains a character that must be percent-encoded.");
            }
            else
            {
                bytes[length++] = (byte)c;
            }
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw new OtpFormatException("The key URI's percent-encoded text is not valid UTF-8.");
        }
    }

    private static void Set(ref string? target, string value, string name)
    {
        if (target is not null)
        {
            throw new OtpFormatException($"The key URI's '{name}' parameter appears more than once.");
        }

        target = value;
    }

    private static int ParseNumber(string text, string name, int min, int max)
    {
        if (text.Length is 0 or > 6 || text.AsSpan().ContainsAnyExceptInRange('0', '9') ||
            !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new OtpFormatException($"The key URI's '{name}' must be a whole number from {min} to {max}.");
        }

        return value;
    }
}
