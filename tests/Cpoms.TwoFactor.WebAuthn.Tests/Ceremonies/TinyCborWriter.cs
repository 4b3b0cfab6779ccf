namespace Cpoms.TwoFactor.WebAuthn.Tests.Ceremonies;

/// <summary>
/// Just enough of a CBOR encoder (RFC 8949 §3) for the test authenticator: unsigned and negative integers, byte
/// and text strings, and maps whose entries are written in the order given (callers give CTAP2 canonical order).
/// </summary>
internal sealed class TinyCborWriter
{
    private readonly List<byte> _bytes = [];

    public byte[] ToArray() => [.. _bytes];

    public TinyCborWriter Int(long value) => value >= 0 ? Head(0, (ulong)value) : Head(1, (ulong)(-1 - value));

    public TinyCborWriter Bytes(ReadOnlySpan<byte> value)
    {
        Head(2, (ulong)value.Length);
        _bytes.AddRange(value.ToArray());
        return this;
    }

    public TinyCborWriter Text(string value)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(value);
        Head(3, (ulong)utf8.Length);
        _bytes.AddRange(utf8);
        return this;
    }

    public TinyCborWriter Map(int entries) => Head(5, (ulong)entries);

    public TinyCborWriter Raw(ReadOnlySpan<byte> encoded)
    {
        _bytes.AddRange(encoded.ToArray());
        return this;
    }

    private TinyCborWriter Head(int major, ulong value)
    {
        var type = (byte)(major << 5);
        if (value < 24)
        {
            _bytes.Add((byte)(type | (byte)value));
        }
        else if (value <= byte.MaxValue)
        {
            _bytes.Add((byte)(type | 24));
            _bytes.Add((byte)value);
        }
        else if (value <= ushort.MaxValue)
        {
            _bytes.Add((byte)(type | 25));
            _bytes.Add((byte)(value >> 8));
            _bytes.Add((byte)value);
        }
        else
        {
            _bytes.Add((byte)(type | 26));
            for (var shift = 24; shift >= 0; shift -= 8)
            {
                _bytes.Add((byte)(value >> shift));
            }
        }

        return this;
    }
}
