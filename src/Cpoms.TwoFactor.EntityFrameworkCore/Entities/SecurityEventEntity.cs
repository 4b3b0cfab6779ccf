namespace Cpoms.TwoFactor.EntityFrameworkCore.Entities;

/// <summary>One row of the append-only security log table. The SDK inserts rows and never changes them.</summary>
internal sealed class SecurityEventEntity
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public int TypeId { get; set; }

    public string TypeName { get; set; } = "";

    public int Outcome { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public string? IpAddress { get; set; }

    public string? Location { get; set; }

    public string? DeviceId { get; set; }

    public string? ActorId { get; set; }

    public string? Detail { get; set; }
}
