namespace Cpoms.TwoFactor.WebAuthn;

/// <summary>The attested credential data of a registration's authenticator data (WebAuthn §6.5.1).</summary>
/// <remarks>All byte members are slices of <see cref="AuthenticatorData.Raw"/>, not copies.</remarks>
public sealed class AttestedCredentialData
{
    internal AttestedCredentialData(ReadOnlyMemory<byte> aaguid, ReadOnlyMemory<byte> credentialId, ReadOnlyMemory<byte> credentialPublicKey)
    {
        AaguidBytes = aaguid;
        Aaguid = new Guid(aaguid.Span, bigEndian: true);
        CredentialId = credentialId;
        CredentialPublicKey = credentialPublicKey;
    }

    /// <summary>
    /// The authenticator model's AAGUID. WebAuthn §6.5.1 stores it as 16 bytes in big-endian (network) order; it is
    /// converted with <c>new Guid(bytes, bigEndian: true)</c>, so <see cref="Guid.ToString()"/> gives the usual textual
    /// form (the bytes in order as hex, e.g. <c>cb69481e-8ff7-4039-93ec-0a2729a154a8</c>, as metadata services list it).
    /// All zeros when the authenticator does not disclose its model (for example with "none" attestation).
    /// </summary>
    public Guid Aaguid { get; }

    /// <summary>The 16 AAGUID bytes exactly as they appear in the authenticator data.</summary>
    public ReadOnlyMemory<byte> AaguidBytes { get; }

    /// <summary>The credential ID (at most 1023 bytes, WebAuthn §6.5.1).</summary>
    public ReadOnlyMemory<byte> CredentialId { get; }

    /// <summary>
    /// The exact COSE_Key bytes of the credential public key, as they appear in the authenticator data. Only its CBOR
    /// structure was checked here; decode it with <see cref="Cose.CoseKey.Decode"/> to validate the key itself, and
    /// store these bytes, never a re-encoding.
    /// </summary>
    public ReadOnlyMemory<byte> CredentialPublicKey { get; }
}
