namespace Cpoms.TwoFactor.WebAuthn.Cbor;

/// <summary>A CBOR integer (major type 0 unsigned or major type 1 negative) that fits in <see cref="long"/>.</summary>
/// <remarks>Integers outside the <see cref="long"/> range are rejected by the decoder with a <see cref="CborFormatException"/>; WebAuthn never needs them.</remarks>
public sealed class CborInteger : CborValue
{
    internal CborInteger(ReadOnlyMemory<byte> encoded, long value)
        : base(encoded)
    {
        Value = value;
    }

    /// <summary>The integer value.</summary>
    public long Value { get; }
}
