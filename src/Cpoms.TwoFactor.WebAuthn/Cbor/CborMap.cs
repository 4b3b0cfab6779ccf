using System.Diagnostics.CodeAnalysis;

namespace Cpoms.TwoFactor.WebAuthn.Cbor;

/// <summary>A CBOR map (major type 5) of definite length whose keys are integers, byte strings or text strings, none repeated.</summary>
public sealed class CborMap : CborValue
{
    internal CborMap(ReadOnlyMemory<byte> encoded, IReadOnlyList<KeyValuePair<CborValue, CborValue>> entries)
        : base(encoded)
    {
        Entries = entries;
    }

    /// <summary>The entries in encoded order. Read-only. Keys are unique (the decoder rejects duplicates).</summary>
    public IReadOnlyList<KeyValuePair<CborValue, CborValue>> Entries { get; }

    /// <summary>The value stored under the integer key <paramref name="key"/>, or <see langword="null"/> when there is none.</summary>
    /// <param name="key">The integer key (COSE labels, CTAP2 member numbers).</param>
    public CborValue? this[long key] => TryGetValue(key, out var value) ? value : null;

    /// <summary>The value stored under the text key <paramref name="key"/> (ordinal comparison), or <see langword="null"/> when there is none.</summary>
    /// <param name="key">The text key (attestation object members such as <c>fmt</c>).</param>
    public CborValue? this[string key] => TryGetValue(key, out var value) ? value : null;

    /// <summary>Looks up the value stored under an integer key.</summary>
    /// <param name="key">The integer key.</param>
    /// <param name="value">The value when found.</param>
    /// <returns><see langword="true"/> when the map has the key.</returns>
    public bool TryGetValue(long key, [NotNullWhen(true)] out CborValue? value)
    {
        for (var i = 0; i < Entries.Count; i++)
        {
            var entry = Entries[i];
            if (entry.Key is CborInteger integer && integer.Value == key)
            {
                value = entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Looks up the value stored under a text key (ordinal comparison).</summary>
    /// <param name="key">The text key.</param>
    /// <param name="value">The value when found.</param>
    /// <returns><see langword="true"/> when the map has the key.</returns>
    public bool TryGetValue(string key, [NotNullWhen(true)] out CborValue? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < Entries.Count; i++)
        {
            var entry = Entries[i];
            if (entry.Key is CborTextString text && string.Equals(text.Value, key, StringComparison.Ordinal))
            {
                value = entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }
}
