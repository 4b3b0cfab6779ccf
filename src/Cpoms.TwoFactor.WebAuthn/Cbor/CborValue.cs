namespace Cpoms.TwoFactor.WebAuthn.Cbor;

/// <summary>A decoded CBOR data item. Instances are produced only by <see cref="CborDecoder"/> and are immutable.</summary>
public abstract class CborValue
{
    private protected CborValue(ReadOnlyMemory<byte> encoded)
    {
        Encoded = encoded;
    }

    /// <summary>
    /// The exact bytes this item occupied in the decoded input (header and content, nested items included).
    /// A slice of the caller's buffer, not a copy: it stays valid as long as that buffer is not modified.
    /// </summary>
    /// <remarks>Signatures over CBOR (for example a COSE key stored as received) must use these bytes, never a re-encoding.</remarks>
    public ReadOnlyMemory<byte> Encoded { get; }
}
