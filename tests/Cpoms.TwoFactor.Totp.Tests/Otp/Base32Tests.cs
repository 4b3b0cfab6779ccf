using System.Text;
using Cpoms.TwoFactor.Totp.Otp;
using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.Totp.Tests.Otp;

/// <summary>RFC 4648 §10 test vectors and the strict decoding rules.</summary>
public sealed class Base32Tests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Encode_MatchesRfc4648VectorsWithoutPadding(string data, string expected) =>
        Assert.Equal(expected, Base32.Encode(Encoding.ASCII.GetBytes(data)));

    [Theory]
    [InlineData("MY======", "f")]
    [InlineData("MZXQ====", "fo")]
    [InlineData("MZXW6===", "foo")]
    [InlineData("MZXW6YQ=", "foob")]
    [InlineData("MZXW6YTB", "fooba")]
    [InlineData("MZXW6YTBOI======", "foobar")]
    public void Decode_PaddedRfc4648Vectors(string text, string expected) =>
        Assert.Equal(expected, Encoding.ASCII.GetString(Base32.Decode(text)));

    [Theory]
    [InlineData("MZXW6YTBOI")]
    [InlineData("mzxw6ytboi")]
    [InlineData("MzXw6YtBoI")]
    [InlineData("MZXW 6YTB OI")]
    [InlineData("  MZXW6YTBOI  ")]
    public void Decode_CaseInsensitiveAndSpacesTolerated(string text) =>
        Assert.Equal("foobar", Encoding.ASCII.GetString(Base32.Decode(text)));

    [Theory]
    [InlineData("MZXW1YTB", "only the letters")]
    [InlineData("MZXW8YTB", "only the letters")]
    [InlineData("MZXW-YTB", "only the letters")]
    [InlineData("MZXWÄYTB", "only the letters")]
    [InlineData("MY=====", "padding")]
    [InlineData("MY=", "padding")]
    [InlineData("MZXW6YTB=", "padding")]
    [InlineData("MY======MY", "after its '=' padding")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("======", "empty")]
    [InlineData("M", "too short")]
    [InlineData("MZX", "too short")]
    [InlineData("MZXW6Y", "too short")]
    [InlineData("MZ", "not canonical")]
    [InlineData("MZXR", "not canonical")]
    public void Decode_Malformed_ThrowsWithClearReason(string text, string reason)
    {
        var error = Assert.Throws<OtpFormatException>(() => Base32.Decode(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeGrouped_WritesGroupsOfFour() =>
        Assert.Equal("MZXW 6YTB OI", Base32.EncodeGrouped(Encoding.ASCII.GetBytes("foobar")));

    [Fact]
    public void EncodeThenDecode_AnyBytes_RoundTrips() =>
        Prop.ForAll<byte[]>(data => data.Length == 0 || Base32.Decode(Base32.Encode(data)).AsSpan().SequenceEqual(data))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void EncodeGroupedThenDecodeLowerCase_AnyNonEmptyBytes_RoundTrips() =>
        Prop.ForAll<byte[]>(data =>
                data.Length == 0 || Base32.Decode(Base32.EncodeGrouped(data).ToLowerInvariant()).AsSpan().SequenceEqual(data))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Encode_AnyBytes_UsesOnlyTheAlphabet() =>
        Prop.ForAll<byte[]>(data => Base32.Encode(data).All(c => c is (>= 'A' and <= 'Z') or (>= '2' and <= '7')))
            .QuickCheckThrowOnFailure();
}
