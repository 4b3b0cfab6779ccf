using Cpoms.TwoFactor.WebAuthn.Cbor;
using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Cbor;

/// <summary>FsCheck properties: hostile input only ever yields <see cref="CborFormatException"/>; canonical trees round-trip.</summary>
public sealed class CborDecoderPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(2000);

    private static readonly byte[][] AttestationObjects =
        [.. CborTestVectors.Names("reg-").Select(CborTestVectors.AttestationObject)];

    [Fact]
    public void Decode_RandomBytes_ThrowsOnlyCborFormatException()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => DecodesOrRejects(bytes, CborConformance.Strict));

        Check.One(Runs, property);
    }

    [Fact]
    public void Decode_RandomBytesCanonical_ThrowsOnlyCborFormatException()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => DecodesOrRejects(bytes, CborConformance.Ctap2Canonical));

        Check.One(Runs, property);
    }

    [Fact]
    public void Decode_MutatedAttestationObjects_ThrowOnlyCborFormatException()
    {
        var mutations =
            from index in Gen.Choose(0, AttestationObjects.Length - 1)
            from kind in Gen.Choose(0, 2)
            from position in Gen.Choose(0, int.MaxValue - 1)
            from bit in Gen.Choose(0, 7)
            from inserted in Gen.Choose(0, 255)
            select Mutate(AttestationObjects[index], kind, position, bit, (byte)inserted);

        var property = Prop.ForAll(mutations.ToArbitrary(), bytes =>
            DecodesOrRejects(bytes, CborConformance.Strict) && DecodesOrRejects(bytes, CborConformance.Ctap2Canonical));

        Check.One(Runs, property);
    }

    [Fact]
    public void Decode_CanonicalEncodingOfRandomTree_RoundTrips()
    {
        var property = Prop.ForAll(Gen.Sized(size => NodeGen(Math.Min(size, 40), 4)).ToArbitrary(), node =>
        {
            var encoded = TestCborEncoder.Encode(node);
            var canonical = CborDecoder.Decode(encoded, CborConformance.Ctap2Canonical);
            var strict = CborDecoder.Decode(encoded, CborConformance.Strict);
            return Same(node, canonical) && Same(node, strict) && canonical.Encoded.Span.SequenceEqual(encoded);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }


    private static bool DecodesOrRejects(byte[] bytes, CborConformance conformance)
    {
        try
        {
            CborDecoder.Decode(bytes, conformance);
        }
        catch (CborFormatException)
        {
        }

        // Any other exception escapes and fails the property.
        return true;
    }

    private static byte[] Mutate(byte[] source, int kind, int position, int bit, byte inserted)
    {
        var bytes = source.ToList();
        switch (kind)
        {
            case 0:
                var flip = position % bytes.Count;
                bytes[flip] ^= (byte)(1 << bit);
                break;
            case 1:
                bytes.RemoveRange(position % bytes.Count, bytes.Count - (position % bytes.Count));
                break;
            default:
                bytes.Insert(position % (bytes.Count + 1), inserted);
                break;
        }

        return [.. bytes];
    }

    private static Gen<CborNode> NodeGen(int size, int depth)
    {
        var integers = Gen.OneOf(
            ArbMap.Default.GeneratorFor<long>(),
            Gen.Choose(-300, 300).Select(i => (long)i),
            Gen.Elements(0L, 23L, 24L, 255L, 256L, 65535L, 65536L, uint.MaxValue, uint.MaxValue + 1L, long.MaxValue, long.MinValue, -24L, -25L, -256L, -257L))
            .Select(v => (CborNode)new CborNode.Int(v));
        var bytes = Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Select(b => (CborNode)new CborNode.Bytes(b));
        var text = Gen.ArrayOf(Gen.OneOf(Gen.Choose(0x20, 0x7e), Gen.Choose(0xa0, 0xd7ff), Gen.Choose(0xe000, 0xfffd), Gen.Choose(0x10000, 0x10ffff)))
            .Select(codePoints => (CborNode)new CborNode.Text(string.Concat(codePoints.Select(char.ConvertFromUtf32))));
        var simple = Gen.Choose(20, 23).Select(v => (CborNode)new CborNode.Simple(v));
        var leaf = Gen.OneOf(integers, bytes, text, simple);
        if (depth == 0 || size <= 1)
        {
            return leaf;
        }

        var child = Gen.Sized(_ => NodeGen(size / 2, depth - 1));
        var array = Gen.Choose(0, Math.Min(size, 8)).SelectMany(n => Gen.ArrayOf(child, n)).Select(items => (CborNode)new CborNode.Array(items));
        var key = Gen.OneOf(integers, text, bytes);
        var map = Gen.Choose(0, Math.Min(size, 8))
            .SelectMany(n => Gen.ArrayOf(Gen.Zip(key, child), n))
            .Select(pairs => (CborNode)new CborNode.Map([.. pairs.DistinctBy(p => Convert.ToHexString(TestCborEncoder.Encode(p.Item1))).Select(p => (p.Item1, p.Item2))]));
        return Gen.Frequency((3, leaf), (1, array), (1, map));
    }

    private static bool Same(CborNode node, CborValue value) => (node, value) switch
    {
        (CborNode.Int n, CborInteger v) => n.Value == v.Value,
        (CborNode.Bytes n, CborByteString v) => v.Value.Span.SequenceEqual(n.Value),
        (CborNode.Text n, CborTextString v) => n.Value == v.Value,
        (CborNode.Simple n, CborSimpleValue v) => n.Value == (int)v.Value,
        (CborNode.Array n, CborArray v) => n.Items.Length == v.Items.Count && n.Items.Zip(v.Items).All(p => Same(p.First, p.Second)),
        (CborNode.Map n, CborMap v) => n.Entries.Length == v.Entries.Count
            && n.Entries.All(e => v.Entries.Count(d => Same(e.Key, d.Key) && Same(e.Value, d.Value)) == 1),
        _ => false,
    };
}
