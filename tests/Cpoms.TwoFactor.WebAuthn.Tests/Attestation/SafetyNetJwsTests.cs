using System.Buffers.Text;
using System.Text;

using Cpoms.TwoFactor.WebAuthn.Attestation;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

public sealed class SafetyNetJwsTests
{
    private const string Header = """{"alg":"RS256","x5c":["AQID","BAUG"]}""";
    private const string Payload = """{"nonce":"abc=","timestampMs":1630703240057,"ctsProfileMatch":true,"basicIntegrity":true}""";

    [Fact]
    public void Parse_ReadsHeader()
    {
        var jws = SafetyNetJws.Parse(Compact(Header, Payload, [9, 9]));

        Assert.Equal("RS256", jws.Algorithm);
        Assert.Equal([[1, 2, 3], [4, 5, 6]], jws.Certificates);
    }

    [Fact]
    public void Parse_ReadsPayload()
    {
        var jws = SafetyNetJws.Parse(Compact(Header, Payload, [9, 9]));

        Assert.Equal("abc=", jws.Nonce);
        Assert.Equal(1630703240057, jws.TimestampMs);
        Assert.True(jws.CtsProfileMatch);
    }

    [Fact]
    public void Parse_KeepsSigningInputAsReceived()
    {
        var compact = Compact(Header, Payload, [7, 8, 9]);

        var jws = SafetyNetJws.Parse(compact);

        Assert.Equal(compact.AsSpan(0, Array.LastIndexOf(compact, (byte)'.')).ToArray(), jws.SigningInput);
        Assert.Equal([7, 8, 9], jws.Signature);
    }

    [Fact]
    public void Parse_LeavesMissingClaimsUnset()
    {
        var jws = SafetyNetJws.Parse(Compact(Header, "{}", [1]));

        Assert.Null(jws.Nonce);
        Assert.Null(jws.TimestampMs);
        Assert.Null(jws.CtsProfileMatch);
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("..")]
    [InlineData("e30.e30.")]
    [InlineData("e30.e30.!!")]
    public void Parse_RejectsNonCompactJws(string response)
    {
        Assert.Throws<AttestationFormatException>(() => SafetyNetJws.Parse(Encoding.ASCII.GetBytes(response)));
    }

    [Theory]
    [InlineData("""{"x5c":["AQID"]}""")]
    [InlineData("""{"alg":"RS256"}""")]
    [InlineData("""{"alg":"RS256","x5c":[]}""")]
    [InlineData("""{"alg":"RS256","x5c":[1]}""")]
    [InlineData("""{"alg":"RS256","x5c":["%%%"]}""")]
    [InlineData("""{"alg":"RS256","x5c":["AQID"],"crit":["exp"]}""")]
    [InlineData("""{"alg":"RS256","alg":"none","x5c":["AQID"]}""")]
    [InlineData("""["alg"]""")]
    [InlineData("""{"alg":"RS256","x5c":["AQID"]""")]
    public void Parse_RejectsHeader(string header)
    {
        Assert.Throws<AttestationFormatException>(() => SafetyNetJws.Parse(Compact(header, Payload, [1])));
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{"nonce":"a","nonce":"b"}""")]
    [InlineData("""not json""")]
    public void Parse_RejectsPayload(string payload)
    {
        Assert.Throws<AttestationFormatException>(() => SafetyNetJws.Parse(Compact(Header, payload, [1])));
    }

    [Fact]
    public void Parse_RejectsStringThatIsNotUtf8()
    {
        // {"alg":"RS256","x5c":["<0xFF>"]}: well-formed JSON structure, a string value that is not UTF-8.
        var header = Encoding.ASCII.GetBytes("{\"alg\":\"RS256\",\"x5c\":[\"A\"]}");
        header[Array.IndexOf(header, (byte)'A')] = 0xFF;
        var compact = Encoding.ASCII.GetBytes(
            $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Payload))}.{Base64Url.EncodeToString([1])}");

        Assert.Throws<AttestationFormatException>(() => SafetyNetJws.Parse(compact));
    }

    [Fact]
    public void Parse_RejectsPaddedPart()
    {
        // RFC 7515 §2: base64url without padding; "e30=" would be "{}" with padding.
        var compact = Encoding.ASCII.GetBytes(
            $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Header))}.e30=.{Base64Url.EncodeToString([1])}");

        Assert.Throws<AttestationFormatException>(() => SafetyNetJws.Parse(compact));
    }

    private static byte[] Compact(string header, string payload, byte[] signature) =>
        Encoding.ASCII.GetBytes(
            $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{Base64Url.EncodeToString(signature)}");
}
