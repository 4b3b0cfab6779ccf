namespace Cpoms.TwoFactor.WebAuthn.Cbor;

/// <summary>A CBOR simple value (major type 7): false, true, null or undefined.</summary>
/// <remarks>Unassigned simple values (0–19 and 32–255) are rejected by the decoder; WebAuthn never uses them.</remarks>
public sealed class CborSimpleValue : CborValue
{
    internal CborSimpleValue(ReadOnlyMemory<byte> encoded, CborSimple value)
        : base(encoded)
    {
        Value = value;
    }

    /// <summary>Which simple value this is.</summary>
    public CborSimple Value { get; }
}
