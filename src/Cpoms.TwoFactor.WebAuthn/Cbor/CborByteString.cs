namespace Cpoms.TwoFactor.WebAuthn.Cbor;

/// <summary>A CBOR byte string (major type 2) of definite length.</summary>
public sealed class CborByteString : CborValue
{
    internal CborByteString(ReadOnlyMemory<byte> encoded, ReadOnlyMemory<byte> value)
        : base(encoded)
    {
        Value = value;
    }

    /// <summary>The content bytes: a slice of the decoded input, not a copy.</summary>
    public ReadOnlyMemory<byte> Value { get; }
}
