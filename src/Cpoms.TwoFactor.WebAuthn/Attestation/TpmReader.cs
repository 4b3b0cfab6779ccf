using System.Buffers.Binary;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>
/// Reads TPM 2.0 marshalled structures (TPM 2.0 Part 2: big-endian integers, TPM2B = UINT16 size + bytes).
/// Every read is bounds-checked; running past the end throws <see cref="AttestationFormatException"/>.
/// </summary>
internal ref struct TpmReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public TpmReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly bool AtEnd => _position == _data.Length;

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    public byte ReadByte() => Take(1)[0];

    /// <summary>Reads a TPM2B structure: a UINT16 size followed by that many bytes.</summary>
    public ReadOnlySpan<byte> ReadSized() => Take(ReadUInt16());

    public readonly void EnsureEnd(string structure)
    {
        if (!AtEnd)
        {
            throw new AttestationFormatException($"{structure} has {_data.Length - _position} trailing byte(s).");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw new AttestationFormatException("TPM structure is truncated.");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
