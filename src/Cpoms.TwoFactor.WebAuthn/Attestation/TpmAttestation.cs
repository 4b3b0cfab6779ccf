namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>
/// A parsed TPMS_ATTEST (TPM 2.0 Part 2 §10.12.12): the <c>certInfo</c> member of a WebAuthn §8.3 statement.
/// The attested part is read as TPMS_CERTIFY_INFO only when <see cref="Type"/> is TPM_ST_ATTEST_CERTIFY; the caller
/// checks <see cref="Magic"/> and <see cref="Type"/>. A truncated structure or trailing bytes throw
/// <see cref="AttestationFormatException"/>.
/// </summary>
internal sealed class TpmAttestation
{
    private TpmAttestation(uint magic, ushort type, byte[] extraData, byte[]? attestedName)
    {
        Magic = magic;
        Type = type;
        ExtraData = extraData;
        AttestedName = attestedName;
    }

    /// <summary>TPM_GENERATED_VALUE when the TPM produced the structure.</summary>
    public uint Magic { get; }

    /// <summary>The TPMI_ST_ATTEST structure tag.</summary>
    public ushort Type { get; }

    /// <summary>The caller-supplied data the TPM signed along (WebAuthn: the hash of attToBeSigned).</summary>
    public byte[] ExtraData { get; }

    /// <summary>TPMS_CERTIFY_INFO.name: the Name of the certified object; <see langword="null"/> for other types.</summary>
    public byte[]? AttestedName { get; }

    public static TpmAttestation Parse(ReadOnlySpan<byte> certInfo)
    {
        var reader = new TpmReader(certInfo);
        var magic = reader.ReadUInt32();
        var type = reader.ReadUInt16();

        // WebAuthn §8.3: qualifiedSigner, clockInfo and firmwareVersion are read past and otherwise ignored.
        reader.ReadSized(); // qualifiedSigner (TPM2B_NAME)
        var extraData = reader.ReadSized().ToArray();
        reader.ReadUInt64(); // clockInfo.clock
        reader.ReadUInt32(); // clockInfo.resetCount
        reader.ReadUInt32(); // clockInfo.restartCount
        reader.ReadByte(); // clockInfo.safe
        reader.ReadUInt64(); // firmwareVersion

        if (type != TpmAlgorithms.StAttestCertify)
        {
            return new TpmAttestation(magic, type, extraData, null);
        }

        var name = reader.ReadSized().ToArray();
        reader.ReadSized(); // qualifiedName: not used by WebAuthn §8.3.
        reader.EnsureEnd("TPM certInfo");
        return new TpmAttestation(magic, type, extraData, name);
    }
}
