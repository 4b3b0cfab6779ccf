namespace Cpoms.TwoFactor.WebAuthn.Cbor;

/// <summary>How strictly <see cref="CborDecoder"/> checks its input beyond well-formedness.</summary>
/// <remarks>
/// Rules applied in both modes (RFC 8949 §3, §5.3, plus limits that suit WebAuthn): the item must be
/// well-formed and complete; additional-information values 28–30 are rejected; indefinite-length strings,
/// arrays and maps are rejected (WebAuthn and CTAP2 never produce them); tags (major type 6) are rejected
/// (WebAuthn uses none); text strings must be valid UTF-8; map keys must be integers, byte strings or text
/// strings and must not repeat; integers must fit in <see cref="long"/>; simple values other than
/// false/true/null/undefined are rejected; and <see cref="CborLimits"/> bounds depth and item count.
/// </remarks>
public enum CborConformance
{
    /// <summary>
    /// Well-formed CBOR within the WebAuthn limits above. Accepts non-shortest integer and length encodings,
    /// maps in any key order and floating-point values (half, single and double precision).
    /// </summary>
    Strict,

    /// <summary>
    /// <see cref="Strict"/> plus the CTAP2 canonical CBOR encoding form (CTAP 2.x §6 "Message Encoding"):
    /// integers, lengths and counts in their shortest form; map keys sorted by major type, then by encoded
    /// length, then bytewise on the encoding; no floating-point values.
    /// </summary>
    Ctap2Canonical,
}
