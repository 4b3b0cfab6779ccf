namespace Cpoms.TwoFactor.WebAuthn.Cbor;

/// <summary>A CBOR text string (major type 3) of definite length whose content is valid UTF-8.</summary>
/// <remarks>The decoder rejects invalid UTF-8 (overlong forms, surrogates, truncated sequences) rather than replacing it.</remarks>
public sealed class CborTextString : CborValue
{
    internal CborTextString(ReadOnlyMemory<byte> encoded, string value)
        : base(encoded)
    {
        Value = value;
    }

    /// <summary>The decoded text.</summary>
    public string Value { get; }
}
