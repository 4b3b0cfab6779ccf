using System.Buffers.Binary;
using System.Text;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Cbor;

/// <summary>A tree of CBOR values built by tests: the model the decoder's output is compared with.</summary>
internal abstract record CborNode
{
    public sealed record Int(long Value) : CborNode;

    public sealed record Bytes(byte[] Value) : CborNode;

    public sealed record Text(string Value) : CborNode;

    public sealed record Simple(int Value) : CborNode;

    public sealed record Array(CborNode[] Items) : CborNode;

    public sealed record Map((CborNode Key, CborNode Value)[] Entries) : CborNode;
}

/// <summary>
/// A small CTAP2-canonical CBOR encoder written for the tests from RFC 8949 §3 and CTAP2 §6, independent of the
/// decoder: shortest heads, definite lengths, map entries sorted by major type, encoded length, then bytes.
/// </summary>
internal static class TestCborEncoder
{
    public static byte[] Encode(CborNode node)
    {
        var output = new List<byte>();
        Write(output, node);
        return [.. output];
    }

    public static byte[] Head(int major, ulong argument)
    {
        var first = (byte)(major << 5);
        if (argument < 24)
        {
            return [(byte)(first | (byte)argument)];
        }

        if (argument <= byte.MaxValue)
        {
            return [(byte)(first | 24), (byte)argument];
        }

        if (argument <= ushort.MaxValue)
        {
            var b = new byte[3];
            b[0] = (byte)(first | 25);
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(1), (ushort)argument);
            return b;
        }

        if (argument <= uint.MaxValue)
        {
            var b = new byte[5];
            b[0] = (byte)(first | 26);
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(1), (uint)argument);
            return b;
        }

        var e = new byte[9];
        e[0] = (byte)(first | 27);
        BinaryPrimitives.WriteUInt64BigEndian(e.AsSpan(1), argument);
        return e;
    }

    private static void Write(List<byte> output, CborNode node)
    {
        switch (node)
        {
            case CborNode.Int { Value: >= 0 } i:
                output.AddRange(Head(0, (ulong)i.Value));
                break;
            case CborNode.Int i:
                // RFC 8949 §3.1: major type 1 carries -1 - value.
                output.AddRange(Head(1, (ulong)(-1 - i.Value)));
                break;
            case CborNode.Bytes b:
                output.AddRange(Head(2, (ulong)b.Value.Length));
                output.AddRange(b.Value);
                break;
            case CborNode.Text t:
                var utf8 = Encoding.UTF8.GetBytes(t.Value);
                output.AddRange(Head(3, (ulong)utf8.Length));
                output.AddRange(utf8);
                break;
            case CborNode.Simple s:
                output.Add((byte)(0xe0 | s.Value));
                break;
            case CborNode.Array a:
                output.AddRange(Head(4, (ulong)a.Items.Length));
                foreach (var item in a.Items)
                {
                    Write(output, item);
                }

                break;
            case CborNode.Map m:
                output.AddRange(Head(5, (ulong)m.Entries.Length));
                var encoded = m.Entries.Select(e => (Key: Encode(e.Key), Value: Encode(e.Value))).ToList();
                encoded.Sort((x, y) => CompareKeys(x.Key, y.Key));
                foreach (var (key, value) in encoded)
                {
                    output.AddRange(key);
                    output.AddRange(value);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node));
        }
    }

    private static int CompareKeys(byte[] x, byte[] y)
    {
        if ((x[0] >> 5) != (y[0] >> 5))
        {
            return (x[0] >> 5) - (y[0] >> 5);
        }

        if (x.Length != y.Length)
        {
            return x.Length - y.Length;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i])
            {
                return x[i] - y[i];
            }
        }

        return 0;
    }
}
