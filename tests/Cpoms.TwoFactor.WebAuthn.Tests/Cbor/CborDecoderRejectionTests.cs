using Cpoms.TwoFactor.WebAuthn.Cbor;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Cbor;

/// <summary>Every rejection rule of the decoder, one case per row, with the offset it must report.</summary>
public sealed class CborDecoderRejectionTests
{
    private static CborFormatException Reject(string hex, CborLimits? limits = null) =>
        Assert.Throws<CborFormatException>(() => CborDecoder.Decode(Convert.FromHexString(hex), CborConformance.Strict, limits));

    [Fact]
    public void Decode_EmptyInput_Throws()
    {
        var ex = Reject("");

        Assert.Contains("input is empty", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Offset);
    }

    [Theory]
    [InlineData("18", 0)] // one-byte argument missing
    [InlineData("1900", 0)] // two-byte argument cut
    [InlineData("1a000000", 0)] // four-byte argument cut
    [InlineData("1b00000000000000", 0)] // eight-byte argument cut
    [InlineData("f9", 0)] // half float cut
    [InlineData("fb000000", 0)] // double cut
    [InlineData("f8", 0)] // two-byte simple value cut
    public void Decode_TruncatedHead_ThrowsAtItemStart(string hex, int offset)
    {
        var ex = Reject(hex);

        Assert.Contains("input ends inside", ex.Message, StringComparison.Ordinal);
        Assert.Equal(offset, ex.Offset);
    }

    [Theory]
    [InlineData("44010203", "byte string declares 4 byte(s) but only 3 remain", 0)]
    [InlineData("636162", "text string declares 3 byte(s) but only 2 remain", 0)]
    [InlineData("820144010203", "byte string declares 4 byte(s) but only 3 remain", 2)]
    public void Decode_TruncatedStringContent_Throws(string hex, string message, int offset)
    {
        var ex = Reject(hex);

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(offset, ex.Offset);
    }

    [Fact]
    public void Decode_ArrayMissingItem_ThrowsWhereTheItemShouldStart()
    {
        var ex = Reject("828100");

        Assert.Contains("input ends where a data item should start", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.Offset);
    }

    [Fact]
    public void Decode_MapMissingValue_ThrowsWhereTheValueShouldStart()
    {
        var ex = Reject("a201810002");

        Assert.Contains("input ends where a data item should start", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, ex.Offset);
    }

    [Fact]
    public void Decode_MapCountLargerThanRemaining_Throws()
    {
        var ex = Reject("a201");

        Assert.Contains("map declares 2 element(s) but only 1 byte(s) remain", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Offset);
    }

    [Fact]
    public void Decode_TrailingBytes_Throws()
    {
        var ex = Reject("0100");

        Assert.Contains("1 trailing byte(s)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Offset);
    }

    [Fact]
    public void DecodeFirst_TrailingBytes_ReportsConsumedLength()
    {
        var value = CborDecoder.DecodeFirst(Convert.FromHexString("a10102ff00"), out var consumed);

        Assert.IsType<CborMap>(value);
        Assert.Equal(3, consumed);
    }

    [Theory]
    [InlineData("1c")]
    [InlineData("1d")]
    [InlineData("1e")]
    [InlineData("3c")]
    [InlineData("5d")]
    [InlineData("7e")]
    [InlineData("9c")]
    [InlineData("bd")]
    [InlineData("fc")]
    [InlineData("fd")]
    [InlineData("fe")]
    public void Decode_ReservedAdditionalInformation_Throws(string hex)
    {
        var ex = Reject(hex);

        Assert.Contains("reserved additional information value", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Offset);
    }

    [Theory]
    [InlineData("1f")]
    [InlineData("3f")]
    public void Decode_IndefiniteInteger_ThrowsNotWellFormed(string hex)
    {
        var ex = Reject(hex);

        Assert.Contains("additional information 31 is not well-formed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5f4101ff")]
    [InlineData("7f6161ff")]
    [InlineData("9f01ff")]
    [InlineData("bf0102ff")]
    public void Decode_IndefiniteLength_Throws(string hex)
    {
        var ex = Reject(hex);

        Assert.Contains("indefinite-length", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Offset);
    }

    [Theory]
    [InlineData("ff", 0)]
    [InlineData("81ff", 1)]
    [InlineData("a101ff", 2)]
    public void Decode_BreakOutsideIndefiniteItem_Throws(string hex, int offset)
    {
        var ex = Reject(hex);

        Assert.Contains("\"break\" stop code", ex.Message, StringComparison.Ordinal);
        Assert.Equal(offset, ex.Offset);
    }

    [Theory]
    [InlineData("61ff", 1)] // 0xff never appears in UTF-8
    [InlineData("62c0af", 1)] // overlong "/"
    [InlineData("63eda080", 1)] // UTF-16 surrogate D800 encoded in UTF-8
    [InlineData("62e6b0", 1)] // three-byte sequence cut short
    [InlineData("6261c3", 2)] // "a" then a cut two-byte sequence
    [InlineData("6280bf", 1)] // lone continuation bytes
    [InlineData("64f4908080", 1)] // above U+10FFFF
    public void Decode_InvalidUtf8_ThrowsAtTheBadByte(string hex, int offset)
    {
        var ex = Reject(hex);

        Assert.Contains("not valid UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.Equal(offset, ex.Offset);
    }

    [Theory]
    [InlineData("a201020103", 3)] // {1: 2, 1: 3}
    [InlineData("a20102180103", 3)] // {1: 2, 1 (non-shortest): 3}, same key by value
    [InlineData("a2616101616102", 4)] // {"a": 1, "a": 2}
    [InlineData("a24101014101", 4)] // {h'01': 1, h'01': ...}
    [InlineData("a220012002", 3)] // {-1: 1, -1: ...}
    public void Decode_DuplicateMapKey_Throws(string hex, int offset)
    {
        var ex = Reject(hex);

        Assert.Contains("duplicate map key", ex.Message, StringComparison.Ordinal);
        Assert.Equal(offset, ex.Offset);
    }

    [Fact]
    public void Decode_DuplicateKeyInLargeMap_Throws()
    {
        // 20 entries {0:0 .. 18:0, 5:0}: exercises the hash-set path used above 16 entries.
        var hex = "b4" + string.Concat(Enumerable.Range(0, 19).Select(i => i.ToString("x2", null) + "00")) + "0500";

        var ex = Reject(hex);

        Assert.Contains("duplicate map key", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1 + (19 * 2), ex.Offset);
    }

    [Fact]
    public void Decode_TextAndByteKeysWithSameContent_AreDistinct()
    {
        var map = Assert.IsType<CborMap>(CborDecoder.Decode(Convert.FromHexString("a2416101616102")));

        Assert.Equal(2, map.Entries.Count);
    }

    [Theory]
    [InlineData("a18001")] // array key
    [InlineData("a1a001")] // map key
    [InlineData("a1f401")] // false key
    [InlineData("a1f93c0001")] // float key
    public void Decode_UnsupportedMapKeyType_Throws(string hex)
    {
        var ex = Reject(hex);

        Assert.Contains("map key must be an integer, byte string or text string", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Offset);
    }

    [Theory]
    [InlineData("5affffffff00")]
    [InlineData("5bffffffffffffffff00")]
    [InlineData("7bffffffffffffffff")]
    public void Decode_StringLengthLargerThanInput_ThrowsWithoutAllocating(string hex)
    {
        var ex = Reject(hex);

        Assert.Contains("but only", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Offset);
    }

    [Theory]
    [InlineData("9bffffffffffffffff")]
    [InlineData("9a7fffffff01")]
    [InlineData("bbffffffffffffffff")]
    [InlineData("ba0000ffff0101")]
    public void Decode_ElementCountLargerThanInput_ThrowsWithoutAllocating(string hex)
    {
        var ex = Reject(hex);

        Assert.Contains("element(s) but only", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Offset);
    }

    [Fact]
    public void Decode_DepthAtDefaultLimit_IsAccepted()
    {
        var hex = string.Concat(Enumerable.Repeat("81", 16)) + "00";

        Assert.IsType<CborArray>(CborDecoder.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Decode_DepthAboveDefaultLimit_Throws()
    {
        var hex = string.Concat(Enumerable.Repeat("81", 17)) + "00";

        var ex = Reject(hex);

        Assert.Contains("nested deeper than 16 levels", ex.Message, StringComparison.Ordinal);
        Assert.Equal(16, ex.Offset);
    }

    [Fact]
    public void Decode_DepthAboveCustomLimit_Throws()
    {
        var ex = Reject("a101a10181a0", new CborLimits { MaxDepth = 3 });

        Assert.Contains("nested deeper than 3 levels", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, ex.Offset);
    }

    [Fact]
    public void Decode_ItemsAtCustomLimit_IsAccepted()
    {
        Assert.IsType<CborArray>(CborDecoder.Decode(Convert.FromHexString("83010203"), CborConformance.Strict, new CborLimits { MaxItems = 4 }));
    }

    [Fact]
    public void Decode_ItemsAboveCustomLimit_Throws()
    {
        var ex = Reject("83010203", new CborLimits { MaxItems = 3 });

        Assert.Contains("CborLimits.MaxItems", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ItemsAboveDefaultLimitInNestedArrays_Throws()
    {
        // 101 arrays of 100 zeros: 1 + 101 * 101 = 10 202 items, each array alone is small.
        var inner = "9864" + string.Concat(Enumerable.Repeat("00", 100));
        var hex = "9865" + string.Concat(Enumerable.Repeat(inner, 101));

        var ex = Reject(hex);

        Assert.Contains("CborLimits.MaxItems", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1b8000000000000000")]
    [InlineData("3b8000000000000000")]
    public void Decode_IntegerJustOutsideInt64_Throws(string hex)
    {
        var ex = Reject(hex);

        Assert.Contains("does not fit in a 64-bit signed integer", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1b7fffffffffffffff", long.MaxValue)]
    [InlineData("3b7fffffffffffffff", long.MinValue)]
    public void Decode_Int64Bounds_AreAccepted(string hex, long expected)
    {
        Assert.Equal(expected, Assert.IsType<CborInteger>(CborDecoder.Decode(Convert.FromHexString(hex))).Value);
    }

    [Theory]
    [InlineData("c0")]
    [InlineData("d9d9f700")]
    [InlineData("8201d82000")]
    public void Decode_Tag_Throws(string hex)
    {
        var ex = Reject(hex);

        Assert.Contains("tags (major type 6) are not supported", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("f800")]
    [InlineData("f81f")]
    public void Decode_TwoByteSimpleBelow32_ThrowsNotWellFormed(string hex)
    {
        var ex = Reject(hex);

        Assert.Contains("is not well-formed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("e0")]
    [InlineData("f3")]
    [InlineData("f820")]
    public void Decode_UnassignedSimpleValue_Throws(string hex)
    {
        var ex = Reject(hex);

        Assert.Contains("unassigned simple value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownConformance_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CborDecoder.Decode(new byte[] { 0 }, (CborConformance)7));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void CborLimits_MaxDepthOutOfRange_Throws(int depth)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CborLimits { MaxDepth = depth });
    }

    [Fact]
    public void CborLimits_MaxItemsZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CborLimits { MaxItems = 0 });
    }

    [Fact]
    public void Decode_ByteString_IsASliceOfTheInput()
    {
        var input = Convert.FromHexString("820142aabb");

        var array = Assert.IsType<CborArray>(CborDecoder.Decode(input));
        var bytes = Assert.IsType<CborByteString>(array.Items[1]);
        input[3] = 0x11;

        Assert.Equal("11bb", Convert.ToHexStringLower(bytes.Value.Span));
    }
}
