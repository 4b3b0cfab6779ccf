namespace Cpoms.TwoFactor.WebAuthn.Cbor;

/// <summary>Resource limits that bound what <see cref="CborDecoder"/> builds from untrusted input.</summary>
/// <remarks>
/// The defaults fit every WebAuthn structure (attestation objects nest three levels deep and hold a few dozen
/// items) with a wide margin, while keeping a hostile input from building deep recursion or millions of
/// objects. Lengths are always checked against the bytes actually remaining, so no limit is needed for them.
/// </remarks>
public sealed record CborLimits
{
    /// <summary>The limits used when none are given: depth 16, 10 000 items.</summary>
    public static CborLimits Default { get; } = new();

    /// <summary>
    /// The deepest nesting of arrays and maps allowed. A top-level array or map is at depth 1; an array inside
    /// it at depth 2. Default 16; must be between 1 and 64 (the decoder recurses once per level).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1–64.</exception>
    public int MaxDepth
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 64);
            field = value;
        }
    } = 16;

    /// <summary>
    /// The most data items the whole input may hold, counting every item at every level (a map entry counts as
    /// two: key and value). Default 10 000; must be at least 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxItems
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 10_000;
}
