namespace Cpoms.TwoFactor.WebAuthn.Cbor;

/// <summary>A CBOR floating-point number (major type 7, half, single or double precision), widened to <see cref="double"/>.</summary>
/// <remarks>Accepted only with <see cref="CborConformance.Strict"/>; <see cref="CborConformance.Ctap2Canonical"/> rejects floats.</remarks>
public sealed class CborFloat : CborValue
{
    internal CborFloat(ReadOnlyMemory<byte> encoded, double value)
        : base(encoded)
    {
        Value = value;
    }

    /// <summary>The value, exactly (every half and single precision value is representable as a double).</summary>
    public double Value { get; }
}
