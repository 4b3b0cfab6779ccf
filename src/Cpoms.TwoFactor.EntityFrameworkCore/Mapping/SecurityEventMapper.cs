using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.EntityFrameworkCore.Entities;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Mapping;

/// <summary>
/// Converts between Core's <see cref="SecurityEvent"/> and <see cref="SecurityEventEntity"/>. The event type is
/// stored as its id and its name, so host-defined types read back unchanged.
/// </summary>
internal static class SecurityEventMapper
{
    public static SecurityEventEntity ToEntity(SecurityEvent securityEvent) => new()
    {
        Id = securityEvent.Id,
        UserId = securityEvent.UserId,
        TypeId = securityEvent.Type.Id,
        TypeName = securityEvent.Type.Name,
        Outcome = (int)securityEvent.Outcome,
        OccurredAt = Timestamps.ToStored(securityEvent.OccurredAt),
        IpAddress = securityEvent.IpAddress,
        Location = securityEvent.Location,
        DeviceId = securityEvent.DeviceId,
        ActorId = securityEvent.ActorId,
        Detail = securityEvent.Detail,
    };

    public static SecurityEvent ToDomain(SecurityEventEntity entity) => new()
    {
        Id = entity.Id,
        UserId = entity.UserId,
        Type = new SecurityEventType(entity.TypeId, entity.TypeName),
        Outcome = (SecurityEventOutcome)entity.Outcome,
        OccurredAt = entity.OccurredAt,
        IpAddress = entity.IpAddress,
        Location = entity.Location,
        DeviceId = entity.DeviceId,
        ActorId = entity.ActorId,
        Detail = entity.Detail,
    };
}
