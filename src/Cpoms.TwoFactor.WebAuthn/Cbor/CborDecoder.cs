using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Text;

namespace Cpoms.TwoFactor.WebAuthn.Cbor;

/// <summary>
/// A bounded, strict CBOR (RFC 8949) decoder for the structures WebAuthn and CTAP2 use: attestation objects,
/// COSE keys, authenticator extension maps.
/// </summary>
/// <remarks>
/// <para>
/// What is rejected, always (each with a <see cref="CborFormatException"/> naming the rule and byte offset):
/// truncated items; trailing bytes (<see cref="Decode"/> only); additional-information values 28–30
/// (RFC 8949 §3); indefinite-length strings, arrays and maps and a "break" byte (0xff) anywhere, because
/// WebAuthn and CTAP2 never produce them (CTAP2 §6 forbids them); tags (major type 6), because no WebAuthn
/// structure uses one; invalid UTF-8 in text strings (RFC 8949 §5.3.1); duplicate map keys (RFC 8949 §5.6);
/// map keys that are not integers, byte strings or text strings; integers outside <see cref="long"/>;
/// the two-byte simple value encodings 0xf8 0x00–0x1f (not well-formed, RFC 8949 §3.3) and unassigned simple
/// values; nesting deeper than <see cref="CborLimits.MaxDepth"/>; more than <see cref="CborLimits.MaxItems"/>
/// items in total.
/// </para>
/// <para>
/// A declared length or element count is compared with the bytes that remain before anything is sliced or
/// allocated, so a hostile length costs nothing. Byte strings and <see cref="CborValue.Encoded"/> are slices
/// of the input, not copies: the caller must not modify the buffer while the decoded values are in use.
/// </para>
/// </remarks>
public static class CborDecoder
{
    private const int MajorUnsigned = 0;
    private const int MajorNegative = 1;
    private const int MajorBytes = 2;
    private const int MajorText = 3;
    private const int MajorArray = 4;
    private const int MajorMap = 5;
    private const int MajorTag = 6;
    private const int MajorSimple = 7;

    // Maps up to this size check duplicate keys pairwise; larger ones use a hash set.
    private const int PairwiseDuplicateCheckLimit = 16;

    private static readonly string[] MajorTypeNames =
        ["unsigned integer", "negative integer", "byte string", "text string", "array", "map", "tag", "simple value or float"];

    /// <summary>Decodes exactly one CBOR item that must span the whole of <paramref name="input"/>.</summary>
    /// <param name="input">The encoded item. Not copied: decoded byte strings are slices of it.</param>
    /// <param name="conformance">The rules to enforce; default <see cref="CborConformance.Strict"/>.</param>
    /// <param name="limits">Depth and item-count limits; default <see cref="CborLimits.Default"/>.</param>
    /// <returns>The decoded item.</returns>
    /// <exception cref="CborFormatException">The input is empty, malformed, breaks a conformance rule, exceeds a limit, or has bytes after the item.</exception>
    public static CborValue Decode(ReadOnlyMemory<byte> input, CborConformance conformance = CborConformance.Strict, CborLimits? limits = null)
    {
        var value = DecodeFirst(input, out var consumed, conformance, limits);
        if (consumed != input.Length)
        {
            throw new CborFormatException($"{input.Length - consumed} trailing byte(s) after the top-level item", consumed);
        }

        return value;
    }

    /// <summary>
    /// Decodes the first CBOR item of <paramref name="input"/> and reports its length, leaving any following
    /// bytes alone (authenticator data holds a COSE key followed by an extensions map, WebAuthn §6.1).
    /// </summary>
    /// <param name="input">The bytes to read from. Not copied: decoded byte strings are slices of it.</param>
    /// <param name="bytesConsumed">How many bytes the first item occupies.</param>
    /// <param name="conformance">The rules to enforce; default <see cref="CborConformance.Strict"/>.</param>
    /// <param name="limits">Depth and item-count limits; default <see cref="CborLimits.Default"/>.</param>
    /// <returns>The decoded item.</returns>
    /// <exception cref="CborFormatException">The input is empty, the first item is malformed, breaks a conformance rule or exceeds a limit.</exception>
    public static CborValue DecodeFirst(ReadOnlyMemory<byte> input, out int bytesConsumed, CborConformance conformance = CborConformance.Strict, CborLimits? limits = null)
    {
        if (conformance is not (CborConformance.Strict or CborConformance.Ctap2Canonical))
        {
            throw new ArgumentOutOfRangeException(nameof(conformance), conformance, "Unknown CBOR conformance level.");
        }

        var reader = new Reader(input, conformance == CborConformance.Ctap2Canonical, limits ?? CborLimits.Default);
        var value = reader.ReadItem(0);
        bytesConsumed = reader.Position;
        return value;
    }

    private ref struct Reader
    {
        private readonly ReadOnlyMemory<byte> _memory;
        private readonly ReadOnlySpan<byte> _span;
        private readonly bool _canonical;
        private readonly CborLimits _limits;
        private int _position;
        private int _items;

        public Reader(ReadOnlyMemory<byte> memory, bool canonical, CborLimits limits)
        {
            _memory = memory;
            _span = memory.Span;
            _canonical = canonical;
            _limits = limits;
        }

        public readonly int Position => _position;

        private readonly int Remaining => _span.Length - _position;

        // depth = number of arrays/maps enclosing this item.
        public CborValue ReadItem(int depth)
        {
            var start = _position;
            if (Remaining < 1)
            {
                throw new CborFormatException(start == 0 ? "input is empty" : "input ends where a data item should start", start);
            }

            _items++;
            if (_items > _limits.MaxItems)
            {
                throw new CborFormatException($"more than {_limits.MaxItems} data items (CborLimits.MaxItems)", start);
            }

            var initial = _span[_position];
            var major = initial >> 5;
            var info = initial & 0x1f;

            if (major == MajorSimple)
            {
                return ReadSimpleOrFloat(start, info);
            }

            if (major == MajorTag)
            {
                throw new CborFormatException("tags (major type 6) are not supported: no WebAuthn structure uses them", start);
            }

            if (info == 31)
            {
                if (major is MajorUnsigned or MajorNegative)
                {
                    throw new CborFormatException($"additional information 31 is not well-formed for a {MajorTypeNames[major]}", start);
                }

                throw new CborFormatException($"indefinite-length {MajorTypeNames[major]} is not supported: WebAuthn and CTAP2 use definite lengths only", start);
            }

            var argument = ReadArgument(start, info);
            switch (major)
            {
                case MajorUnsigned:
                    if (argument > long.MaxValue)
                    {
                        throw new CborFormatException("unsigned integer does not fit in a 64-bit signed integer", start);
                    }

                    return new CborInteger(Slice(start), (long)argument);

                case MajorNegative:
                    if (argument > long.MaxValue)
                    {
                        throw new CborFormatException("negative integer does not fit in a 64-bit signed integer", start);
                    }

                    // RFC 8949 §3.1: the value is -1 - argument; argument ≤ long.MaxValue keeps it ≥ long.MinValue.
                    return new CborInteger(Slice(start), -1 - (long)argument);

                case MajorBytes:
                {
                    var length = CheckLength(start, argument, "byte string");
                    var content = _memory.Slice(_position, length);
                    _position += length;
                    return new CborByteString(Slice(start), content);
                }

                case MajorText:
                {
                    var length = CheckLength(start, argument, "text string");
                    var text = DecodeUtf8(_span.Slice(_position, length), _position);
                    _position += length;
                    return new CborTextString(Slice(start), text);
                }

                case MajorArray:
                    return ReadArray(start, argument, depth + 1);

                default:
                    return ReadMap(start, argument, depth + 1);
            }
        }

        private CborValue ReadSimpleOrFloat(int start, int info)
        {
            switch (info)
            {
                case < 20:
                    throw new CborFormatException($"unassigned simple value {info} is not supported", start);
                case <= 23:
                    _position++;
                    return new CborSimpleValue(Slice(start), (CborSimple)info);
                case 24:
                {
                    Need(start, 2, "simple value");
                    var simple = _span[_position + 1];
                    if (simple < 32)
                    {
                        // RFC 8949 §3.3: 0xf8 followed by a value below 32 is not well-formed.
                        throw new CborFormatException($"two-byte simple value {simple} is not well-formed (must be 32 or more)", start);
                    }

                    throw new CborFormatException($"unassigned simple value {simple} is not supported", start);
                }

                case 25:
                case 26:
                case 27:
                {
                    if (_canonical)
                    {
                        throw new CborFormatException("floating-point values are not allowed in CTAP2 canonical CBOR", start);
                    }

                    var size = 1 << (info - 24);
                    Need(start, 1 + size, "floating-point value");
                    var bytes = _span.Slice(_position + 1, size);
                    double value = info switch
                    {
                        25 => (double)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16BigEndian(bytes)),
                        26 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(bytes)),
                        _ => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(bytes)),
                    };
                    _position += 1 + size;
                    return new CborFloat(Slice(start), value);
                }

                case 31:
                    throw new CborFormatException("\"break\" stop code (0xff) outside an indefinite-length item", start);

                default:
                    throw new CborFormatException($"reserved additional information value {info}", start);
            }
        }

        // Reads the head's argument (RFC 8949 §3) and moves past the head.
        private ulong ReadArgument(int start, int info)
        {
            if (info < 24)
            {
                _position++;
                return (ulong)info;
            }

            if (info > 27)
            {
                throw new CborFormatException($"reserved additional information value {info}", start);
            }

            var size = 1 << (info - 24);
            Need(start, 1 + size, "data item head");
            var bytes = _span.Slice(_position + 1, size);
            ulong argument = size switch
            {
                1 => bytes[0],
                2 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
                4 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
                _ => BinaryPrimitives.ReadUInt64BigEndian(bytes),
            };

            // CTAP2 §6: integers, lengths and counts must use the shortest form.
            if (_canonical)
            {
                var shortest = argument switch
                {
                    < 24 => 0,
                    <= byte.MaxValue => 1,
                    <= ushort.MaxValue => 2,
                    <= uint.MaxValue => 4,
                    _ => 8,
                };
                if (size != shortest)
                {
                    throw new CborFormatException($"argument {argument} is not in its shortest form ({size}-byte argument where {shortest} would do), required by CTAP2 canonical CBOR", start);
                }
            }

            _position += 1 + size;
            return argument;
        }

        private readonly void Need(int start, int count, string what)
        {
            if (Remaining < count)
            {
                throw new CborFormatException($"input ends inside a {what}: {count} byte(s) needed, {Remaining} left", start);
            }
        }

        private readonly int CheckLength(int start, ulong length, string what)
        {
            if (length > (ulong)Remaining)
            {
                throw new CborFormatException($"{what} declares {length} byte(s) but only {Remaining} remain", start);
            }

            return (int)length;
        }

        private CborArray ReadArray(int start, ulong count, int depth)
        {
            CheckContainer(start, count, 1, depth, "array");
            var items = new CborValue[(int)count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = ReadItem(depth);
            }

            return new CborArray(Slice(start), new ReadOnlyCollection<CborValue>(items));
        }

        private CborMap ReadMap(int start, ulong count, int depth)
        {
            CheckContainer(start, count, 2, depth, "map");
            var entries = new KeyValuePair<CborValue, CborValue>[(int)count];
            HashSet<CborValue>? seen = entries.Length > PairwiseDuplicateCheckLimit ? new HashSet<CborValue>(MapKeyComparer.Instance) : null;
            for (var i = 0; i < entries.Length; i++)
            {
                var keyOffset = _position;
                var key = ReadItem(depth);
                if (key is not (CborInteger or CborTextString or CborByteString))
                {
                    throw new CborFormatException("map key must be an integer, byte string or text string", keyOffset);
                }

                // RFC 8949 §5.6: duplicate keys make the map invalid, in every conformance mode.
                var duplicate = false;
                if (seen is not null)
                {
                    duplicate = !seen.Add(key);
                }
                else
                {
                    for (var j = 0; j < i && !duplicate; j++)
                    {
                        duplicate = MapKeyComparer.Instance.Equals(entries[j].Key, key);
                    }
                }

                if (duplicate)
                {
                    throw new CborFormatException("duplicate map key", keyOffset);
                }

                // CTAP2 §6: keys sorted by major type, then encoded length, then bytewise.
                if (_canonical && i > 0 && CompareCanonicalKeys(entries[i - 1].Key.Encoded.Span, key.Encoded.Span) >= 0)
                {
                    throw new CborFormatException("map keys are not in CTAP2 canonical order (major type, then encoded length, then bytewise)", keyOffset);
                }

                var value = ReadItem(depth);
                entries[i] = new KeyValuePair<CborValue, CborValue>(key, value);
            }

            return new CborMap(Slice(start), new ReadOnlyCollection<KeyValuePair<CborValue, CborValue>>(entries));
        }

        private readonly void CheckContainer(int start, ulong count, int minimumBytesPerElement, int depth, string what)
        {
            if (depth > _limits.MaxDepth)
            {
                throw new CborFormatException($"{what} nested deeper than {_limits.MaxDepth} levels (CborLimits.MaxDepth)", start);
            }

            // Each element needs at least one byte; checked before anything is allocated.
            if (count > (ulong)(Remaining / minimumBytesPerElement))
            {
                throw new CborFormatException($"{what} declares {count} element(s) but only {Remaining} byte(s) remain", start);
            }

            var itemsLeft = _limits.MaxItems - _items;
            if (count > (ulong)itemsLeft / (ulong)minimumBytesPerElement)
            {
                throw new CborFormatException($"{what} declares {count} element(s), more than the {_limits.MaxItems} data items allowed (CborLimits.MaxItems)", start);
            }
        }

        private readonly ReadOnlyMemory<byte> Slice(int start) => _memory[start.._position];

        private static string DecodeUtf8(ReadOnlySpan<byte> bytes, int offset)
        {
            // RFC 8949 §5.3.1: invalid UTF-8 makes the text string invalid; reject, never replace.
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                var index = 0;
                while (index < bytes.Length && Rune.DecodeFromUtf8(bytes[index..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
                {
                    index += consumed;
                }

                throw new CborFormatException("text string is not valid UTF-8", offset + index);
            }

            return Encoding.UTF8.GetString(bytes);
        }
    }

    // CTAP2 §6 key order: lower major type first; then shorter encoding first; then bytewise.
    internal static int CompareCanonicalKeys(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var majorOrder = (left[0] >> 5).CompareTo(right[0] >> 5);
        if (majorOrder != 0)
        {
            return majorOrder;
        }

        var lengthOrder = left.Length.CompareTo(right.Length);
        return lengthOrder != 0 ? lengthOrder : left.SequenceCompareTo(right);
    }

    // Equality of map keys by value (not encoding, so 0x01 and 0x18 0x01 are the same key).
    private sealed class MapKeyComparer : IEqualityComparer<CborValue>
    {
        public static readonly MapKeyComparer Instance = new();

        public bool Equals(CborValue? x, CborValue? y) => (x, y) switch
        {
            (CborInteger a, CborInteger b) => a.Value == b.Value,
            (CborTextString a, CborTextString b) => string.Equals(a.Value, b.Value, StringComparison.Ordinal),
            (CborByteString a, CborByteString b) => a.Value.Span.SequenceEqual(b.Value.Span),
            _ => false,
        };

        public int GetHashCode(CborValue obj)
        {
            switch (obj)
            {
                case CborInteger integer:
                    return HashCode.Combine(1, integer.Value);
                case CborTextString text:
                    return HashCode.Combine(2, StringComparer.Ordinal.GetHashCode(text.Value));
                case CborByteString bytes:
                {
                    var hash = new HashCode();
                    hash.Add(3);
                    hash.AddBytes(bytes.Value.Span);
                    return hash.ToHashCode();
                }

                default:
                    return 0;
            }
        }
    }
}
