using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Stores;

namespace Cpoms.TwoFactor.Testing.Specification;

/// <summary>
/// Builds the values the store specifications store. Every id is new, so the suites never depend on what an
/// earlier test left behind; times have whole milliseconds (databases keep at least microseconds).
/// </summary>
public static class SpecificationData
{
    /// <summary>A fixed instant the specifications count from: 2026-01-05 09:00:00 UTC.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A new user id.</summary>
    public static string NewUserId() => "user-" + Guid.NewGuid().ToString("N");

    /// <summary>A new 16-byte credential id.</summary>
    public static byte[] NewCredentialId() => Guid.NewGuid().ToByteArray();

    /// <summary>An authenticator-app device with every field set to a non-default value.</summary>
    public static Device AuthenticatorApp(string userId, DateTimeOffset? registeredAt = null) => new()
    {
        Id = DeviceIds.Create(),
        UserId = userId,
        Kind = DeviceKind.AuthenticatorApp,
        Name = "My Phone",
        RegisteredAt = registeredAt ?? Start,
        AuthenticatorApp = new AuthenticatorAppData
        {
            ProtectedSecret = "CfDJ8-protected-" + Guid.NewGuid().ToString("N"),
            Algorithm = OtpAlgorithm.Sha256,
            Digits = 8,
            PeriodSeconds = 60,
        },
    };

    /// <summary>A security-key device with every field set to a non-default value.</summary>
    public static Device SecurityKey(string userId, byte[]? credentialId = null, DateTimeOffset? registeredAt = null) => new()
    {
        Id = DeviceIds.Create(),
        UserId = userId,
        Kind = DeviceKind.SecurityKey,
        Name = "U2F Key",
        RegisteredAt = registeredAt ?? Start,
        SecurityKey = new SecurityKeyData
        {
            CredentialId = credentialId ?? NewCredentialId(),
            PublicKey = [0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20, 0xFF, 0x00],
            Algorithm = -7,
            UserHandle = [0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80],
            SignCount = 41,
            Aaguid = new Guid("cb69481e-8ff7-4039-93ec-0a2729a154a8"),
            Transports = ["usb", "nfc"],
            AttestationFormat = "packed",
            BackupEligible = true,
            BackedUp = false,
            IsLegacyU2F = true,
        },
    };

    /// <summary>A challenge of <paramref name="userId"/> for <paramref name="purpose"/> that lives five minutes from <see cref="Start"/>.</summary>
    public static OneTimeChallenge Challenge(string userId, string purpose = "webauthn.authenticate", TimeSpan? lifetime = null) => new()
    {
        Id = Convert.ToHexString(Guid.NewGuid().ToByteArray()),
        UserId = userId,
        Purpose = purpose,
        Value = Guid.NewGuid().ToByteArray(),
        State = "{\"pending\":\"protected-state\"}",
        CreatedAt = Start,
        ExpiresAt = Start + (lifetime ?? TimeSpan.FromMinutes(5)),
    };

    /// <summary>A security event of <paramref name="userId"/> at <paramref name="occurredAt"/> with every field set.</summary>
    public static SecurityEvent Event(string userId, DateTimeOffset occurredAt, SecurityEventType? type = null) => new()
    {
        Id = Guid.CreateVersion7(occurredAt),
        UserId = userId,
        Type = type ?? SecurityEventTypes.FactorFailed,
        Outcome = SecurityEventOutcome.Failure,
        OccurredAt = occurredAt,
        IpAddress = "2001:db8::17",
        Location = "Leeds, GB",
        DeviceId = DeviceIds.Create(),
        ActorId = "admin-1",
        Detail = "totp.invalid_code",
    };
}
