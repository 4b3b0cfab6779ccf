using System.Text.Json;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.EntityFrameworkCore.Entities;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Mapping;

/// <summary>Converts between Core's <see cref="Device"/> and the flat <see cref="DeviceEntity"/>. Arrays are copied both ways.</summary>
internal static class DeviceMapper
{
    public static DeviceEntity ToEntity(Device device)
    {
        var entity = new DeviceEntity
        {
            Id = device.Id,
            UserId = device.UserId,
            Kind = device.Kind.Value,
            Name = device.Name,
            RegisteredAt = Timestamps.ToStored(device.RegisteredAt),
            LastUsedAt = Timestamps.ToStored(device.LastUsedAt),
            VerifiedAt = Timestamps.ToStored(device.VerifiedAt),
        };

        if (device.AuthenticatorApp is { } app)
        {
            entity.ProtectedSecret = app.ProtectedSecret;
            entity.OtpAlgorithm = (int)app.Algorithm;
            entity.OtpDigits = app.Digits;
            entity.OtpPeriodSeconds = app.PeriodSeconds;
            entity.LastAcceptedTimeStep = app.LastAcceptedTimeStep;
            entity.DriftSteps = app.DriftSteps;
        }

        if (device.SecurityKey is { } key)
        {
            entity.CredentialId = key.CredentialId.ToArray();
            entity.PublicKey = key.PublicKey.ToArray();
            entity.CoseAlgorithm = key.Algorithm;
            entity.UserHandle = key.UserHandle.ToArray();
            entity.SignCount = key.SignCount;
            entity.Aaguid = key.Aaguid;
            entity.Transports = JsonSerializer.Serialize(key.Transports);
            entity.AttestationFormat = key.AttestationFormat;
            entity.BackupEligible = key.BackupEligible;
            entity.BackedUp = key.BackedUp;
            entity.IsLegacyU2F = key.IsLegacyU2F;
        }

        return entity;
    }

    public static Device ToDomain(DeviceEntity entity) => new()
    {
        Id = entity.Id,
        UserId = entity.UserId,
        Kind = new DeviceKind(entity.Kind),
        Name = entity.Name,
        RegisteredAt = entity.RegisteredAt,
        LastUsedAt = entity.LastUsedAt,
        VerifiedAt = entity.VerifiedAt,
        AuthenticatorApp = entity.ProtectedSecret is null
            ? null
            : new AuthenticatorAppData
            {
                ProtectedSecret = entity.ProtectedSecret,
                Algorithm = (OtpAlgorithm)(entity.OtpAlgorithm ?? (int)OtpAlgorithm.Sha1),
                Digits = entity.OtpDigits ?? 6,
                PeriodSeconds = entity.OtpPeriodSeconds ?? 30,
                LastAcceptedTimeStep = entity.LastAcceptedTimeStep,
                DriftSteps = entity.DriftSteps ?? 0,
            },
        SecurityKey = entity.CredentialId is null
            ? null
            : new SecurityKeyData
            {
                CredentialId = entity.CredentialId,
                PublicKey = entity.PublicKey ?? [],
                Algorithm = entity.CoseAlgorithm ?? 0,
                UserHandle = entity.UserHandle ?? [],
                SignCount = checked((uint)(entity.SignCount ?? 0)),
                Aaguid = entity.Aaguid ?? Guid.Empty,
                Transports = entity.Transports is null ? [] : JsonSerializer.Deserialize<string[]>(entity.Transports) ?? [],
                AttestationFormat = entity.AttestationFormat ?? "none",
                BackupEligible = entity.BackupEligible ?? false,
                BackedUp = entity.BackedUp ?? false,
                IsLegacyU2F = entity.IsLegacyU2F ?? false,
            },
    };
}
