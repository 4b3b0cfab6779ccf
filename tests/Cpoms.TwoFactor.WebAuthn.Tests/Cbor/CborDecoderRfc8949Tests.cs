using Cpoms.TwoFactor.WebAuthn.Cbor;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Cbor;

/// <summary>RFC 8949 Appendix A examples: in-scope ones decode to the listed value; out-of-scope ones are rejected.</summary>
public sealed class CborDecoderRfc8949Tests
{
    private static CborValue Decode(string hex) => CborDecoder.Decode(Convert.FromHexString(hex));

    [Theory]
    [InlineData("00", 0L)]
    [InlineData("01", 1L)]
    [InlineData("0a", 10L)]
    [InlineData("17", 23L)]
    [InlineData("1818", 24L)]
    [InlineData("1819", 25L)]
    [InlineData("1864", 100L)]
    [InlineData("1903e8", 1000L)]
    [InlineData("1a000f4240", 1000000L)]
    [InlineData("1b000000e8d4a51000", 1000000000000L)]
    [InlineData("20", -1L)]
    [InlineData("29", -10L)]
    [InlineData("3863", -100L)]
    [InlineData("3903e7", -1000L)]
    public void Decode_AppendixAInteger_ReturnsValue(string hex, long expected)
    {
        var value = Assert.IsType<CborInteger>(Decode(hex));

        Assert.Equal(expected, value.Value);
        Assert.Equal(hex, Convert.ToHexStringLower(value.Encoded.Span));
    }

    [Theory]
    [InlineData("1bffffffffffffffff")] // 18446744073709551615
    [InlineData("3bffffffffffffffff")] // -18446744073709551616
    public void Decode_AppendixAIntegerOutsideInt64_Throws(string hex)
    {
        var ex = Assert.Throws<CborFormatException>(() => Decode(hex));

        Assert.Contains("64-bit signed integer", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Offset);
    }

    [Theory]
    [InlineData("c249010000000000000000")] // bignum 18446744073709551616
    [InlineData("c349010000000000000000")] // bignum -18446744073709551617
    [InlineData("c074323031332d30332d32315432303a30343a30305a")]
    [InlineData("c11a514b67b0")]
    [InlineData("c1fb41d452d9ec200000")]
    [InlineData("d74401020304")]
    [InlineData("d818456449455446")]
    [InlineData("d82076687474703a2f2f7777772e6578616d706c652e636f6d")]
    public void Decode_AppendixATag_ThrowsTagsNotSupported(string hex)
    {
        var ex = Assert.Throws<CborFormatException>(() => Decode(hex));

        Assert.Contains("tags (major type 6) are not supported", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("f90000", 0.0)]
    [InlineData("f93c00", 1.0)]
    [InlineData("fb3ff199999999999a", 1.1)]
    [InlineData("f93e00", 1.5)]
    [InlineData("f97bff", 65504.0)]
    [InlineData("fa47c35000", 100000.0)]
    [InlineData("fa7f7fffff", 3.4028234663852886e+38)]
    [InlineData("fb7e37e43c8800759c", 1.0e+300)]
    [InlineData("f90001", 5.960464477539063e-8)]
    [InlineData("f90400", 0.00006103515625)]
    [InlineData("f9c400", -4.0)]
    [InlineData("fbc010666666666666", -4.1)]
    [InlineData("f97c00", double.PositiveInfinity)]
    [InlineData("f9fc00", double.NegativeInfinity)]
    [InlineData("fa7f800000", double.PositiveInfinity)]
    [InlineData("faff800000", double.NegativeInfinity)]
    [InlineData("fb7ff0000000000000", double.PositiveInfinity)]
    [InlineData("fbfff0000000000000", double.NegativeInfinity)]
    public void Decode_AppendixAFloat_ReturnsValue(string hex, double expected)
    {
        var value = Assert.IsType<CborFloat>(Decode(hex));

        Assert.Equal(expected, value.Value);
    }

    [Fact]
    public void Decode_AppendixANegativeZero_ReturnsNegativeZero()
    {
        var value = Assert.IsType<CborFloat>(Decode("f98000"));

        Assert.True(double.IsNegative(value.Value) && value.Value == 0.0);
    }

    [Theory]
    [InlineData("f97e00")]
    [InlineData("fa7fc00000")]
    [InlineData("fb7ff8000000000000")]
    public void Decode_AppendixANaN_ReturnsNaN(string hex)
    {
        var value = Assert.IsType<CborFloat>(Decode(hex));

        Assert.True(double.IsNaN(value.Value));
    }

    [Theory]
    [InlineData("f4", CborSimple.False)]
    [InlineData("f5", CborSimple.True)]
    [InlineData("f6", CborSimple.Null)]
    [InlineData("f7", CborSimple.Undefined)]
    public void Decode_AppendixASimpleValue_ReturnsValue(string hex, CborSimple expected)
    {
        var value = Assert.IsType<CborSimpleValue>(Decode(hex));

        Assert.Equal(expected, value.Value);
    }

    [Theory]
    [InlineData("f0")] // simple(16)
    [InlineData("f8ff")] // simple(255)
    public void Decode_AppendixAUnassignedSimpleValue_Throws(string hex)
    {
        var ex = Assert.Throws<CborFormatException>(() => Decode(hex));

        Assert.Contains("unassigned simple value", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("40", "")]
    [InlineData("4401020304", "01020304")]
    public void Decode_AppendixAByteString_ReturnsBytes(string hex, string expectedHex)
    {
        var value = Assert.IsType<CborByteString>(Decode(hex));

        Assert.Equal(expectedHex, Convert.ToHexStringLower(value.Value.Span));
    }

    [Theory]
    [InlineData("60", "")]
    [InlineData("6161", "a")]
    [InlineData("6449455446", "IETF")]
    [InlineData("62225c", "\"\\")]
    [InlineData("62c3bc", "\u00fc")]
    [InlineData("63e6b0b4", "\u6c34")]
    [InlineData("64f0908591", "\ud800\udd51")]
    public void Decode_AppendixATextString_ReturnsText(string hex, string expected)
    {
        var value = Assert.IsType<CborTextString>(Decode(hex));

        Assert.Equal(expected, value.Value);
    }

    [Fact]
    public void Decode_AppendixAEmptyArray_ReturnsEmptyArray()
    {
        var value = Assert.IsType<CborArray>(Decode("80"));

        Assert.Empty(value.Items);
    }

    [Fact]
    public void Decode_AppendixAArrayOfThree_ReturnsItems()
    {
        var value = Assert.IsType<CborArray>(Decode("83010203"));

        Assert.Equal([1L, 2L, 3L], value.Items.Select(i => Assert.IsType<CborInteger>(i).Value));
    }

    [Fact]
    public void Decode_AppendixANestedArrays_ReturnsTreeWithEncodedSlices()
    {
        var value = Assert.IsType<CborArray>(Decode("8301820203820405"));

        Assert.Equal(1L, Assert.IsType<CborInteger>(value.Items[0]).Value);
        var second = Assert.IsType<CborArray>(value.Items[1]);
        Assert.Equal([2L, 3L], second.Items.Select(i => Assert.IsType<CborInteger>(i).Value));
        Assert.Equal("820203", Convert.ToHexStringLower(second.Encoded.Span));
        var third = Assert.IsType<CborArray>(value.Items[2]);
        Assert.Equal([4L, 5L], third.Items.Select(i => Assert.IsType<CborInteger>(i).Value));
    }

    [Fact]
    public void Decode_AppendixAArrayOfTwentyFive_ReturnsOneToTwentyFive()
    {
        var value = Assert.IsType<CborArray>(Decode("98190102030405060708090a0b0c0d0e0f101112131415161718181819"));

        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), value.Items.Select(i => Assert.IsType<CborInteger>(i).Value));
    }

    [Fact]
    public void Decode_AppendixAEmptyMap_ReturnsEmptyMap()
    {
        var value = Assert.IsType<CborMap>(Decode("a0"));

        Assert.Empty(value.Entries);
    }

    [Fact]
    public void Decode_AppendixAIntegerMap_LooksUpByInteger()
    {
        var value = Assert.IsType<CborMap>(Decode("a201020304"));

        Assert.Equal(2L, Assert.IsType<CborInteger>(value[1]).Value);
        Assert.Equal(4L, Assert.IsType<CborInteger>(value[3]).Value);
        Assert.Null(value[2]);
    }

    [Fact]
    public void Decode_AppendixATextMapWithArray_LooksUpByText()
    {
        var value = Assert.IsType<CborMap>(Decode("a26161016162820203"));

        Assert.Equal(1L, Assert.IsType<CborInteger>(value["a"]).Value);
        Assert.True(value.TryGetValue("b", out var b));
        Assert.Equal([2L, 3L], Assert.IsType<CborArray>(b).Items.Select(i => Assert.IsType<CborInteger>(i).Value));
        Assert.False(value.TryGetValue("c", out _));
    }

    [Fact]
    public void Decode_AppendixAArrayWithMap_ReturnsTree()
    {
        var value = Assert.IsType<CborArray>(Decode("826161a161626163"));

        Assert.Equal("a", Assert.IsType<CborTextString>(value.Items[0]).Value);
        Assert.Equal("c", Assert.IsType<CborTextString>(Assert.IsType<CborMap>(value.Items[1])["b"]).Value);
    }

    [Fact]
    public void Decode_AppendixAFiveEntryMap_ReturnsEntriesInOrder()
    {
        var value = Assert.IsType<CborMap>(Decode("a56161614161626142616361436164614461656145"));

        Assert.Equal(["a", "b", "c", "d", "e"], value.Entries.Select(e => Assert.IsType<CborTextString>(e.Key).Value));
        Assert.Equal("E", Assert.IsType<CborTextString>(value["e"]).Value);
    }

    [Theory]
    [InlineData("5f42010243030405ff", "indefinite-length byte string")]
    [InlineData("7f657374726561646d696e67ff", "indefinite-length text string")]
    [InlineData("9fff", "indefinite-length array")]
    [InlineData("9f018202039f0405ffff", "indefinite-length array")]
    [InlineData("9f01820203820405ff", "indefinite-length array")]
    [InlineData("83018202039f0405ff", "indefinite-length array")]
    [InlineData("83019f0203ff820405", "indefinite-length array")]
    [InlineData("9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff", "indefinite-length array")]
    [InlineData("bf61610161629f0203ffff", "indefinite-length map")]
    [InlineData("826161bf61626163ff", "indefinite-length map")]
    [InlineData("bf6346756ef563416d7421ff", "indefinite-length map")]
    public void Decode_AppendixAIndefiniteLength_Throws(string hex, string expected)
    {
        var ex = Assert.Throws<CborFormatException>(() => Decode(hex));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
