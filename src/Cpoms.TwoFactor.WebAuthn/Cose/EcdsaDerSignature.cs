namespace Cpoms.TwoFactor.WebAuthn.Cose;

/// <summary>
/// Converts an ECDSA signature from ASN.1 DER (RFC 3279 §2.2.3 <c>Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }</c>,
/// the form WebAuthn §6.5.6 requires) to the fixed-size IEEE P1363 form <c>r || s</c>, without allocating.
/// </summary>
/// <remarks>
/// Only DER is accepted (X.690 §10): definite minimal lengths, minimal positive integers, no trailing bytes.
/// r and s must be non-zero and no longer than the field; range checks against the group order are left to the
/// verifier, which rejects such signatures.
/// </remarks>
internal static class EcdsaDerSignature
{
    /// <summary>The largest P1363 signature: two P-521 field elements.</summary>
    public const int MaxP1363Length = 2 * 66;

    public static bool TryConvertToP1363(ReadOnlySpan<byte> der, int fieldSize, Span<byte> destination)
    {
        if (der.Length < 2 || der[0] != 0x30 || destination.Length != 2 * fieldSize)
        {
            return false;
        }

        var position = 1;
        if (!TryReadLength(der, ref position, out var sequenceLength) || sequenceLength != der.Length - position)
        {
            return false;
        }

        return TryReadInteger(der, ref position, destination[..fieldSize])
            && TryReadInteger(der, ref position, destination[fieldSize..])
            && position == der.Length;
    }

    private static bool TryReadLength(ReadOnlySpan<byte> der, ref int position, out int length)
    {
        length = 0;
        if (position >= der.Length)
        {
            return false;
        }

        int first = der[position++];
        if (first < 0x80)
        {
            length = first;
            return true;
        }

        // Signatures are shorter than 256 bytes: only the one-byte long form, and DER requires it only for ≥ 128.
        if (first != 0x81 || position >= der.Length || der[position] < 0x80)
        {
            return false;
        }

        length = der[position++];
        return true;
    }

    private static bool TryReadInteger(ReadOnlySpan<byte> der, ref int position, Span<byte> destination)
    {
        if (position >= der.Length || der[position++] != 0x02)
        {
            return false;
        }

        if (!TryReadLength(der, ref position, out var length) || length < 1 || length > der.Length - position)
        {
            return false;
        }

        var content = der.Slice(position, length);
        position += length;
        if (content[0] >= 0x80)
        {
            return false; // negative
        }

        if (content[0] == 0x00)
        {
            if (content.Length == 1 || content[1] < 0x80)
            {
                return false; // zero, or a leading zero DER forbids
            }

            content = content[1..];
        }

        if (content.Length > destination.Length)
        {
            return false;
        }

        destination[..^content.Length].Clear();
        content.CopyTo(destination[^content.Length..]);
        return true;
    }
}
