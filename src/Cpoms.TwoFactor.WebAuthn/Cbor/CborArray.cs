namespace Cpoms.TwoFactor.WebAuthn.Cbor;

/// <summary>A CBOR array (major type 4) of definite length.</summary>
public sealed class CborArray : CborValue
{
    internal CborArray(ReadOnlyMemory<byte> encoded, IReadOnlyList<CborValue> items)
        : base(encoded)
    {
        Items = items;
    }

    /// <summary>The elements, in encoded order. Read-only.</summary>
    public IReadOnlyList<CborValue> Items { get; }
}
