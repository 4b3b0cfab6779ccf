using System.Text;

using Cpoms.TwoFactor.WebAuthn.Protocol;
using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Protocol;

public sealed class Base64UrlCodecTests
{
    // RFC 4648 §10 test vectors, with the padding removed (base64url alphabet is identical for these).
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "Zg")]
    [InlineData("fo", "Zm8")]
    [InlineData("foo", "Zm9v")]
    [InlineData("foob", "Zm9vYg")]
    [InlineData("fooba", "Zm9vYmE")]
    [InlineData("foobar", "Zm9vYmFy")]
    public void Decode_Rfc4648Vector_GivesText(string text, string encoded)
    {
        Assert.Equal(Encoding.ASCII.GetBytes(text), Base64UrlCodec.Decode(Encoding.ASCII.GetBytes(encoded)));
    }

    [Theory]
    [InlineData(new byte[] { 0xFB, 0xFF }, "-_8")]
    [InlineData(new byte[] { 0xFF, 0xEF, 0xBE }, "_---")]
    public void Decode_UrlSafeAlphabet_GivesBytes(byte[] expected, string encoded)
    {
        Assert.Equal(expected, Base64UrlCodec.Decode(Encoding.ASCII.GetBytes(encoded)));
    }

    [Theory]
    [InlineData("Zg==")]
    [InlineData("Zm8=")]
    [InlineData("Z")]
    [InlineData("Zm9v Yg")]
    [InlineData("+_8")]
    [InlineData("-/8")]
    [InlineData("Zh")]
    [InlineData("Zm9")]
    [InlineData("Zm9vYg\n")]
    public void Decode_NonCanonicalOrInvalid_ReturnsNull(string encoded)
    {
        Assert.Null(Base64UrlCodec.Decode(Encoding.ASCII.GetBytes(encoded)));
    }

    [Fact]
    public void Decode_RoundTripsTheFrameworkEncoder()
    {
        Prop.ForAll<byte[]>(data =>
        {
            // Independent encoder: the framework's standard base64, turned into base64url without padding.
            var encoded = Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var decoded = Base64UrlCodec.Decode(Encoding.ASCII.GetBytes(encoded));
            return decoded is not null && decoded.AsSpan().SequenceEqual(data) && Base64UrlCodec.Encode(data) == encoded;
        }).QuickCheckThrowOnFailure();
    }
}
