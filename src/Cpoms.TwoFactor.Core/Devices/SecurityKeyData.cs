namespace Cpoms.TwoFactor.Core.Devices;

/// <summary>The WebAuthn / U2F part of a <see cref="Device"/>: the credential record of WebAuthn §4.</summary>
public sealed record SecurityKeyData
{
    /// <summary>The credential ID (raw bytes, at most 1023). Unique across all users.</summary>
    public required byte[] CredentialId { get; init; }

    /// <summary>The credential public key as the COSE_Key bytes the authenticator returned.</summary>
    public required byte[] PublicKey { get; init; }

    /// <summary>The COSE algorithm identifier of <see cref="PublicKey"/> (for example -7 for ES256).</summary>
    public required int Algorithm { get; init; }

    /// <summary>
    /// The WebAuthn user handle the credential was created for. Random, never the user's id or e-mail.
    /// </summary>
    public required byte[] UserHandle { get; init; }

    /// <summary>The last signature counter seen (WebAuthn §6.1.1); 0 for authenticators without a counter.</summary>
    public uint SignCount { get; init; }

    /// <summary>The authenticator model's AAGUID; <see cref="Guid.Empty"/> for U2F keys and "none" attestation.</summary>
    public Guid Aaguid { get; init; }

    /// <summary>The transports the browser reported ("usb", "nfc", "ble", "internal", "hybrid"), as hints.</summary>
    public IReadOnlyList<string> Transports { get; init; } = [];

    /// <summary>The attestation statement format of the registration ("none", "packed", "fido-u2f", …).</summary>
    public string AttestationFormat { get; init; } = "none";

    /// <summary>The BE flag: the credential may be synced or backed up (a passkey).</summary>
    public bool BackupEligible { get; init; }

    /// <summary>The BS flag as last seen: the credential is currently backed up.</summary>
    public bool BackedUp { get; init; }

    /// <summary>
    /// <see langword="true"/> when the key was registered with the legacy U2F API and must be asserted
    /// with the <c>appid</c> extension.
    /// </summary>
    public bool IsLegacyU2F { get; init; }
}
