using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Totp.Otp;
using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.Totp.Tests.Otp;

public sealed class KeyUriTests
{
    // The example key of the de-facto key URI format's documentation ("ACME Co", john.doe@email.com).
    private const string ExampleSecret = "HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ";

    private static KeyUri Build(string issuer, string account, OtpAlgorithm algorithm = OtpAlgorithm.Sha1, int digits = 6, int period = 30) =>
        new(issuer, account, Base32.Decode(ExampleSecret), algorithm, digits, period);

    [Fact]
    public void ToString_DocumentationExample_EncodesSpaceAndAt() =>
        Assert.Equal(
            "otpauth://totp/ACME%20Co:john.doe%40email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30",
            Build("ACME Co", "john.doe@email.com").ToString());

    [Theory]
    [InlineData("Contoso", "a:b", "Contoso:a%3Ab")]
    [InlineData("St Mary's: Safeguarding", "x", "St%20Mary%27s%3A%20Safeguarding:x")]
    [InlineData("Müller GmbH", "zoë@schule.de", "M%C3%BCller%20GmbH:zo%C3%AB%40schule.de")]
    [InlineData("Contoso", "50% & more?", "Contoso:50%25%20%26%20more%3F")]
    public void ToString_SpecialCharacters_PercentEncodedAsUtf8(string issuer, string account, string expectedLabel) =>
        Assert.StartsWith("otpauth://totp/" + expectedLabel + "?secret=", Build(issuer, account).ToString(), StringComparison.Ordinal);

    [Theory]
    [InlineData(OtpAlgorithm.Sha256, 8, 60, "&algorithm=SHA256&digits=8&period=60")]
    [InlineData(OtpAlgorithm.Sha512, 7, 30, "&algorithm=SHA512&digits=7&period=30")]
    public void ToString_Parameters_AlwaysWritten(OtpAlgorithm algorithm, int digits, int period, string expectedTail) =>
        Assert.EndsWith(expectedTail, Build("Contoso", "alice", algorithm, digits, period).ToString(), StringComparison.Ordinal);

    [Fact]
    public void Parse_DocumentationExample_ReadsEveryField()
    {
        var uri = KeyUri.Parse("otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30");

        Assert.Equal("ACME Co", uri.Issuer);
        Assert.Equal("john.doe@email.com", uri.AccountName);
        Assert.Equal(Base32.Decode(ExampleSecret), uri.Secret);
        Assert.Equal(OtpAlgorithm.Sha1, uri.Algorithm);
        Assert.Equal(6, uri.Digits);
        Assert.Equal(30, uri.PeriodSeconds);
    }

    [Fact]
    public void Parse_OnlySecret_UsesDefaults()
    {
        var uri = KeyUri.Parse("otpauth://totp/alice?secret=" + ExampleSecret);

        Assert.Equal(("", "alice", OtpAlgorithm.Sha1, 6, 30), (uri.Issuer, uri.AccountName, uri.Algorithm, uri.Digits, uri.PeriodSeconds));
    }

    [Fact]
    public void Parse_EncodedColonSeparator_SplitsIssuer()
    {
        var uri = KeyUri.Parse("otpauth://totp/Contoso%3A%20alice?secret=" + ExampleSecret);

        Assert.Equal(("Contoso", "alice"), (uri.Issuer, uri.AccountName));
    }

    [Fact]
    public void Parse_UnknownParameters_Ignored() =>
        Assert.Equal("alice", KeyUri.Parse("otpauth://totp/Contoso:alice?secret=" + ExampleSecret + "&image=x&cpoms_reg=abc").AccountName);

    [Theory]
    [InlineData("https://totp/a?secret=" + ExampleSecret, "must start with 'otpauth://'")]
    [InlineData("otpauth://hotp/a?secret=" + ExampleSecret + "&counter=1", "Only 'otpauth://totp/'")]
    [InlineData("otpauth://totp", "Only 'otpauth://totp/'")]
    [InlineData("otpauth://totp/a", "no parameters")]
    [InlineData("otpauth://totp/?secret=" + ExampleSecret, "no label")]
    [InlineData("otpauth://totp/Contoso:?secret=" + ExampleSecret, "no account name")]
    [InlineData("otpauth://totp/a?issuer=x", "no 'secret'")]
    [InlineData("otpauth://totp/a?secret=" + ExampleSecret + "&secret=" + ExampleSecret, "more than once")]
    [InlineData("otpauth://totp/a?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBO1", "not valid Base32")]
    [InlineData("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP", "too short")]
    [InlineData("otpauth://totp/a?secret=" + ExampleSecret + "&algorithm=MD5", "SHA1, SHA256 or SHA512")]
    [InlineData("otpauth://totp/a?secret=" + ExampleSecret + "&digits=9", "'digits' must be")]
    [InlineData("otpauth://totp/a?secret=" + ExampleSecret + "&digits=+6", "'digits' must be")]
    [InlineData("otpauth://totp/a?secret=" + ExampleSecret + "&period=0", "'period' must be")]
    [InlineData("otpauth://totp/a?secret=" + ExampleSecret + "&period=abc", "'period' must be")]
    [InlineData("otpauth://totp/A:b?secret=" + ExampleSecret + "&issuer=B", "differs from the issuer")]
    [InlineData("otpauth://totp/a%2?secret=" + ExampleSecret, "two hexadecimal digits")]
    [InlineData("otpauth://totp/a%zz?secret=" + ExampleSecret, "two hexadecimal digits")]
    [InlineData("otpauth://totp/a%C3?secret=" + ExampleSecret, "not valid UTF-8")]
    [InlineData("otpauth://totp/a b?secret=" + ExampleSecret, "must be percent-encoded")]
    [InlineData("otpauth://totp/a?secret=" + ExampleSecret + "#x", "fragment")]
    [InlineData("otpauth://totp/a?secret", "'name=value'")]
    public void Parse_Malformed_ThrowsWithClearReason(string text, string reason)
    {
        var error = Assert.Throws<OtpFormatException>(() => KeyUri.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStringThenParse_AnyNamesAndParameters_RoundTrips()
    {
        var names = ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => s.Get)
            .Where(s => s.Trim().Length > 0 && !char.IsWhiteSpace(s[0]) && !s.Contains('\0', StringComparison.Ordinal) && IsWellFormedUtf16(s));
        var accents = Gen.Elements("Müller", "zoë@schule.de", "a:b:c", "St Mary's", "日本語", "x y@z");
        var name = Gen.OneOf(names, accents);
        var secret = Gen.Choose(16, 64).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n));
        var parameters = Gen.Elements(OtpAlgorithm.Sha1, OtpAlgorithm.Sha256, OtpAlgorithm.Sha512)
            .SelectMany(a => Gen.Choose(6, 8).SelectMany(d => Gen.Choose(1, 600).Select(p => (a, d, p))));
        var cases = name.SelectMany(i => name.SelectMany(acc => secret.SelectMany(s => parameters.Select(p => (i, acc, s, p)))));

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (issuer, account, bytes, (algorithm, digits, period)) = c;
            var parsed = KeyUri.Parse(new KeyUri(issuer, account, bytes, algorithm, digits, period).ToString());
            return parsed.Issuer == issuer && parsed.AccountName == account && parsed.Secret.AsSpan().SequenceEqual(bytes) &&
                   parsed.Algorithm == algorithm && parsed.Digits == digits && parsed.PeriodSeconds == period;
        }).QuickCheckThrowOnFailure();
    }

    private static bool IsWellFormedUtf16(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}
