namespace Cpoms.TwoFactor.EntityFrameworkCore.Entities;

/// <summary>
/// One row of the devices table: a <see cref="Core.Devices.Device"/> flattened, so that every one-time change is
/// a single-row UPDATE. Authenticator-app columns are set exactly when <see cref="ProtectedSecret"/> is;
/// security-key columns exactly when <see cref="CredentialId"/> is.
/// </summary>
internal sealed class DeviceEntity
{
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Name { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }

    public string? ProtectedSecret { get; set; }

    public int? OtpAlgorithm { get; set; }

    public int? OtpDigits { get; set; }

    public int? OtpPeriodSeconds { get; set; }

    public long? LastAcceptedTimeStep { get; set; }

    public int? DriftSteps { get; set; }

    public byte[]? CredentialId { get; set; }

    public byte[]? PublicKey { get; set; }

    public int? CoseAlgorithm { get; set; }

    public byte[]? UserHandle { get; set; }

    /// <summary>The unsigned 32-bit counter widened to 64 bits: not every database has unsigned integers.</summary>
    public long? SignCount { get; set; }

    public Guid? Aaguid { get; set; }

    /// <summary>The transports as a JSON array of strings, such as <c>["usb","nfc"]</c>.</summary>
    public string? Transports { get; set; }

    public string? AttestationFormat { get; set; }

    public bool? BackupEligible { get; set; }

    public bool? BackedUp { get; set; }

    public bool? IsLegacyU2F { get; set; }
}
