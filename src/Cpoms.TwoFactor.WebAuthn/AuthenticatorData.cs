using System.Buffers.Binary;
using Cpoms.TwoFactor.WebAuthn.Cbor;

namespace Cpoms.TwoFactor.WebAuthn;

/// <summary>Parsed authenticator data (WebAuthn §6.1): the bytes an authenticator signs in every ceremony.</summary>
/// <remarks>
/// <para>
/// Layout: rpIdHash (32 bytes) | flags (1) | signCount (4, big-endian) | attested credential data (when AT is set)
/// | extensions (a CBOR map, when ED is set). Parsing checks the structure only: that AT matches the presence of
/// attested credential data, ED the presence of an extensions map, that credentialIdLength ≤ 1023, that the
/// credential public key is one well-formed CBOR map, and that nothing follows. It does not check the rpIdHash,
/// flags policy or counter; the ceremonies do (WebAuthn §7.1, §7.2). Reserved flag bits 0x02 and 0x20 are ignored.
/// The credential public key and the extensions are read with <see cref="CborDecoder.DecodeFirst"/> in
/// <see cref="CborConformance.Strict"/> mode with <see cref="CborLimits.Default"/>; the key's canonical form and
/// contents are checked later by <see cref="Cose.CoseKey.Decode"/>.
/// </para>
/// <para>
/// Members are views into <see cref="Raw"/>: nothing is copied, so the caller's buffer must not be changed while the
/// object is in use. Parsing assertion data (37 bytes, no AT/ED) allocates nothing but this object.
/// </para>
/// </remarks>
public sealed class AuthenticatorData
{
    /// <summary>The size of the fixed part: rpIdHash, flags and signCount.</summary>
    internal const int FixedLength = 37;

    /// <summary>The longest credential ID WebAuthn §6.5.1 allows.</summary>
    internal const int MaxCredentialIdLength = 1023;

    private const int FlagsOffset = 32;
    private const int SignCountOffset = 33;
    private const int AaguidLength = 16;

    private AuthenticatorData(ReadOnlyMemory<byte> raw, AuthenticatorFlags flags, uint signCount, AttestedCredentialData? attestedCredentialData, CborMap? extensions)
    {
        Raw = raw;
        Flags = flags;
        SignCount = signCount;
        AttestedCredentialData = attestedCredentialData;
        Extensions = extensions;
    }

    /// <summary>The authenticator data exactly as received (the bytes the signature covers).</summary>
    public ReadOnlyMemory<byte> Raw { get; }

    /// <summary>SHA-256 of the RP ID the credential is scoped to (32 bytes).</summary>
    public ReadOnlyMemory<byte> RpIdHash => Raw[..FlagsOffset];

    /// <summary>The flags byte, reserved bits included.</summary>
    public AuthenticatorFlags Flags { get; }

    /// <summary>The signature counter (WebAuthn §6.1.1); 0 when the authenticator does not keep one.</summary>
    public uint SignCount { get; }

    /// <summary>The attested credential data, present exactly when the AT flag is set.</summary>
    public AttestedCredentialData? AttestedCredentialData { get; }

    /// <summary>The authenticator extension outputs, present exactly when the ED flag is set.</summary>
    public CborMap? Extensions { get; }

    /// <summary>Whether UP is set: the user was present.</summary>
    public bool UserPresent => (Flags & AuthenticatorFlags.UserPresent) != 0;

    /// <summary>Whether UV is set: the user was verified.</summary>
    public bool UserVerified => (Flags & AuthenticatorFlags.UserVerified) != 0;

    /// <summary>Whether BE is set: the credential may be backed up (synced).</summary>
    public bool BackupEligible => (Flags & AuthenticatorFlags.BackupEligible) != 0;

    /// <summary>Whether BS is set: the credential is backed up.</summary>
    public bool BackedUp => (Flags & AuthenticatorFlags.BackedUp) != 0;

    /// <summary>Parses authenticator data (WebAuthn §6.1).</summary>
    /// <param name="raw">The authenticator data. Not copied: the result's members are slices of it.</param>
    /// <returns>The parsed data.</returns>
    /// <exception cref="AuthenticatorDataFormatException">The bytes are not well-formed authenticator data; malformed CBOR is the inner exception.</exception>
    public static AuthenticatorData Parse(ReadOnlyMemory<byte> raw)
    {
        var span = raw.Span;
        if (span.Length < FixedLength)
        {
            throw Error($"authenticator data is {span.Length} bytes; at least {FixedLength} are required (rpIdHash, flags, signCount)", span.Length);
        }

        var flags = (AuthenticatorFlags)span[FlagsOffset];
        var signCount = BinaryPrimitives.ReadUInt32BigEndian(span.Slice(SignCountOffset, 4));
        var position = FixedLength;

        // WebAuthn §6.5.1: attested credential data is present if and only if AT is set.
        AttestedCredentialData? attested = null;
        if ((flags & AuthenticatorFlags.AttestedCredentialData) != 0)
        {
            attested = ParseAttestedCredentialData(raw, ref position);
        }

        // WebAuthn §6.1: the extensions map is present if and only if ED is set, and ends the data.
        CborMap? extensions = null;
        if ((flags & AuthenticatorFlags.ExtensionData) != 0)
        {
            if (position == span.Length)
            {
                throw Error("the ED flag is set but no extensions follow", position);
            }

            var value = DecodeCbor(raw[position..], position, "extensions", out var consumed);
            if (value is not CborMap map)
            {
                throw Error("extensions must be a CBOR map", position);
            }

            extensions = map;
            position += consumed;
        }

        if (position != span.Length)
        {
            var reason = (flags & (AuthenticatorFlags.AttestedCredentialData | AuthenticatorFlags.ExtensionData)) switch
            {
                AuthenticatorFlags.None => "neither AT nor ED is set, yet",
                _ => "after the last declared part,",
            };
            throw Error($"{reason} {span.Length - position} byte(s) remain", position);
        }

        return new AuthenticatorData(raw, flags, signCount, attested, extensions);
    }

    private static AttestedCredentialData ParseAttestedCredentialData(ReadOnlyMemory<byte> raw, ref int position)
    {
        var span = raw.Span;
        if (span.Length - position < AaguidLength + 2)
        {
            throw Error("the AT flag is set but the attested credential data is truncated (aaguid and credentialIdLength need 18 bytes)", position);
        }

        var aaguid = raw.Slice(position, AaguidLength);
        position += AaguidLength;
        var idLength = BinaryPrimitives.ReadUInt16BigEndian(span.Slice(position, 2));
        if (idLength > MaxCredentialIdLength)
        {
            throw Error($"credentialIdLength {idLength} exceeds {MaxCredentialIdLength}", position);
        }

        position += 2;
        if (span.Length - position < idLength)
        {
            throw Error($"credentialIdLength {idLength} exceeds the {span.Length - position} byte(s) that remain", position - 2);
        }

        var credentialId = raw.Slice(position, idLength);
        position += idLength;
        if (position == span.Length)
        {
            throw Error("the credential public key is missing", position);
        }

        // The key's length is only known by decoding it; its CTAP2-canonical form is checked by CoseKey.Decode.
        var key = DecodeCbor(raw[position..], position, "credential public key", out var consumed);
        if (key is not CborMap)
        {
            throw Error("the credential public key must be a CBOR map (COSE_Key)", position);
        }

        var publicKey = raw.Slice(position, consumed);
        position += consumed;
        return new AttestedCredentialData(aaguid, credentialId, publicKey);
    }

    private static CborValue DecodeCbor(ReadOnlyMemory<byte> input, int offset, string what, out int consumed)
    {
        try
        {
            return CborDecoder.DecodeFirst(input, out consumed);
        }
        catch (CborFormatException ex)
        {
            var at = ex.Offset >= 0 ? offset + ex.Offset : offset;
            throw new AuthenticatorDataFormatException($"Authenticator data: the {what} starting at byte offset {offset} is not valid CBOR (problem at byte offset {at}): {ex.Message}", ex);
        }
    }

    private static AuthenticatorDataFormatException Error(string message, int offset) =>
        new($"Authenticator data: {message} (at byte offset {offset}).");
}
