using Cpoms.TwoFactor.WebAuthn.Cbor;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Cbor;

/// <summary>CTAP2 §6 canonical CBOR rules, each checked in both conformance modes.</summary>
public sealed class CborDecoderCanonicalTests
{
    private static CborValue Canonical(string hex) => CborDecoder.Decode(Convert.FromHexString(hex), CborConformance.Ctap2Canonical);

    private static CborValue Strict(string hex) => CborDecoder.Decode(Convert.FromHexString(hex), CborConformance.Strict);

    [Theory]
    [InlineData("1817")] // 23 in one extra byte
    [InlineData("190017")] // 23 in two
    [InlineData("1900ff")] // 255 in two
    [InlineData("1a0000ffff")] // 65535 in four
    [InlineData("1b00000000ffffffff")] // 4294967295 in eight
    [InlineData("3800")] // -1 in one extra byte
    [InlineData("3900ff")] // -256 in two
    public void Decode_NonShortestInteger_RejectedWhenCanonical(string hex)
    {
        var ex = Assert.Throws<CborFormatException>(() => Canonical(hex));

        Assert.Contains("not in its shortest form", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Offset);
    }

    [Theory]
    [InlineData("1817", 23L)]
    [InlineData("1900ff", 255L)]
    [InlineData("1b00000000ffffffff", 4294967295L)]
    [InlineData("3900ff", -256L)]
    public void Decode_NonShortestInteger_AcceptedWhenStrict(string hex, long expected)
    {
        Assert.Equal(expected, Assert.IsType<CborInteger>(Strict(hex)).Value);
    }

    [Theory]
    [InlineData("1818", 24L)]
    [InlineData("18ff", 255L)]
    [InlineData("190100", 256L)]
    [InlineData("1a00010000", 65536L)]
    [InlineData("1b0000000100000000", 4294967296L)]
    [InlineData("3818", -25L)]
    public void Decode_ShortestIntegerAtFormBoundary_AcceptedWhenCanonical(string hex, long expected)
    {
        Assert.Equal(expected, Assert.IsType<CborInteger>(Canonical(hex)).Value);
    }

    [Theory]
    [InlineData("580100")] // byte string of length 1 with a one-byte length
    [InlineData("780161")] // text string
    [InlineData("980100")] // array count
    [InlineData("b8010000")] // map count
    [InlineData("8159000100")] // nested: reported at the inner item
    public void Decode_NonShortestLength_RejectedWhenCanonical(string hex)
    {
        var ex = Assert.Throws<CborFormatException>(() => Canonical(hex));

        Assert.Contains("not in its shortest form", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NonShortestLength_AcceptedWhenStrict()
    {
        Assert.Equal(1, Assert.IsType<CborByteString>(Strict("580100")).Value.Length);
    }

    [Theory]
    [InlineData("a202000100", 3)] // {2, 1}
    [InlineData("a220000100", 3)] // {-1, 1}: major type 0 sorts before 1
    [InlineData("a2616200616100", 4)] // {"b", "a"}
    [InlineData("a262616100616200", 5)] // {"aa", "b"}: shorter first
    [InlineData("a22000186400", 3)] // {-1, 100}: major type before length
    [InlineData("a26161000100", 4)] // {"a", 1}: integers (major 0) before text (major 3)
    [InlineData("a2410100410000", 4)] // {h'01', h'00'}
    public void Decode_UnsortedMapKeys_RejectedWhenCanonical(string hex, int offset)
    {
        var ex = Assert.Throws<CborFormatException>(() => Canonical(hex));

        Assert.Contains("not in CTAP2 canonical order", ex.Message, StringComparison.Ordinal);
        Assert.Equal(offset, ex.Offset);
    }

    [Theory]
    [InlineData("a201000200")] // {1, 2}
    [InlineData("a201002000")] // {1, -1}
    [InlineData("a21864002000")] // {100, -1}: major type 0 first although -1 is shorter
    [InlineData("a2616100616200")] // {"a", "b"}
    [InlineData("a261620062616100")] // {"b", "aa"}
    [InlineData("a3010003002000")] // COSE-like {1, 3, -1}
    public void Decode_SortedMapKeys_AcceptedWhenCanonical(string hex)
    {
        Assert.IsType<CborMap>(Canonical(hex));
    }

    [Fact]
    public void Decode_UnsortedMapKeys_AcceptedWhenStrict()
    {
        Assert.Equal(2, Assert.IsType<CborMap>(Strict("a202000100")).Entries.Count);
    }

    [Theory]
    [InlineData("f93c00")]
    [InlineData("fa47c35000")]
    [InlineData("fb3ff199999999999a")]
    [InlineData("a101f93c00")]
    public void Decode_Float_RejectedWhenCanonical(string hex)
    {
        var ex = Assert.Throws<CborFormatException>(() => Canonical(hex));

        Assert.Contains("floating-point values are not allowed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9f01ff")]
    [InlineData("c0")]
    [InlineData("a201020103")]
    public void Decode_StrictRule_AlsoRejectedWhenCanonical(string hex)
    {
        Assert.Throws<CborFormatException>(() => Canonical(hex));
    }
}
