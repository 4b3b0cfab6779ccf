namespace Cpoms.TwoFactor.WebAuthn;

/// <summary>The flags byte of authenticator data (WebAuthn §6.1, byte 32).</summary>
/// <remarks>Bits 0x02 and 0x20 are reserved for future use: they are kept in the value but carry no meaning and are never checked.</remarks>
[Flags]
public enum AuthenticatorFlags : byte
{
    /// <summary>No flag set.</summary>
    None = 0,

    /// <summary>UP (bit 0): the user was present (WebAuthn §6.1).</summary>
    UserPresent = 0x01,

    /// <summary>UV (bit 2): the user was verified, by PIN or biometrics (WebAuthn §6.1).</summary>
    UserVerified = 0x04,

    /// <summary>BE (bit 3): the credential is backup eligible, i.e. may be synced (WebAuthn §6.1.3).</summary>
    BackupEligible = 0x08,

    /// <summary>BS (bit 4): the credential is currently backed up (WebAuthn §6.1.3).</summary>
    BackedUp = 0x10,

    /// <summary>AT (bit 6): attested credential data follows the sign count (WebAuthn §6.5.1).</summary>
    AttestedCredentialData = 0x40,

    /// <summary>ED (bit 7): an extensions map ends the authenticator data (WebAuthn §9).</summary>
    ExtensionData = 0x80,
}
