using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Cpoms.TwoFactor.WebAuthn.Cbor;

namespace Cpoms.TwoFactor.WebAuthn.Cose;

/// <summary>
/// A bounded, thread-safe cache of decoded credential keys, keyed by their exact COSE bytes, so that a returning
/// credential pays the decode, validation and platform import once.
/// </summary>
/// <remarks>
/// <para>
/// The same bytes always give back the same <see cref="CoseKey"/> instance while it is cached. Lookups of cached keys
/// take no lock and allocate nothing. Keys that fail to decode are not cached: the exception reaches the caller every
/// time.
/// </para>
/// <para>
/// When <c>capacity</c> keys are cached, adding one evicts the least recently used (recency is tracked with the
/// millisecond tick count, so it is approximate). Evicted keys are not disposed, because another thread may still be
/// verifying with them; their platform handles are released by the garbage collector. Do not dispose keys obtained
/// from the cache.
/// </para>
/// <para>
/// Caching by bytes is safe: a key is immutable, and the bytes fully determine it, so a hit can never return a
/// different key than decoding would.
/// </para>
/// </remarks>
public sealed class CoseKeyCache
{
    private readonly ConcurrentDictionary<byte[], Entry> _entries;
    private readonly ConcurrentDictionary<byte[], Entry>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly Lock _evictionGate = new();
    private readonly int _capacity;

    /// <summary>Creates a cache that holds at most <paramref name="capacity"/> keys.</summary>
    /// <param name="capacity">The most keys kept; default 1024. Must be at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public CoseKeyCache(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _entries = new ConcurrentDictionary<byte[], Entry>(ByteArrayComparer.Instance);
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The number of keys currently cached.</summary>
    public int Count => _entries.Count;

    /// <summary>Returns the cached key for these exact bytes, or decodes, imports and caches it.</summary>
    /// <param name="encoded">The COSE_Key bytes as stored for the credential.</param>
    /// <returns>The key; do not dispose it.</returns>
    /// <exception cref="CborFormatException">The bytes are not one CTAP2-canonical CBOR item.</exception>
    /// <exception cref="CoseKeyFormatException">The item is not an acceptable credential key.</exception>
    public CoseKey GetOrDecode(ReadOnlyMemory<byte> encoded)
    {
        if (_lookup.TryGetValue(encoded.Span, out var hit))
        {
            hit.Touch();
            return hit.Key;
        }

        var key = CoseKey.Decode(encoded);
        lock (_evictionGate)
        {
            if (_lookup.TryGetValue(key.Encoded.Span, out var raced))
            {
                raced.Touch();
                key.Dispose();
                return raced.Key;
            }

            while (_entries.Count >= _capacity)
            {
                EvictLeastRecentlyUsed();
            }

            var entry = new Entry(key);
            _entries[entry.Bytes] = entry;
            return key;
        }
    }

    private void EvictLeastRecentlyUsed()
    {
        Entry? oldest = null;
        foreach (var pair in _entries)
        {
            if (oldest is null || pair.Value.LastUsed < oldest.LastUsed)
            {
                oldest = pair.Value;
            }
        }

        if (oldest is not null)
        {
            _entries.TryRemove(oldest.Bytes, out _);
        }
    }

    private sealed class Entry(CoseKey key)
    {
        private long _lastUsed = Environment.TickCount64;

        public CoseKey Key { get; } = key;

        public byte[] Bytes { get; } = key.Encoded.ToArray();

        public long LastUsed => Volatile.Read(ref _lastUsed);

        public void Touch() => Volatile.Write(ref _lastUsed, Environment.TickCount64);
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode([DisallowNull] byte[] obj) => GetHashCode(obj.AsSpan());

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
