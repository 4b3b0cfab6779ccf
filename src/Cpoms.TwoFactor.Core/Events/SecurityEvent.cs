namespace Cpoms.TwoFactor.Core.Events;

/// <summary>One append-only entry of a user's security log.</summary>
public sealed record SecurityEvent
{
    /// <summary>The entry's id (a version 7 GUID, so ids sort by time).</summary>
    public required Guid Id { get; init; }

    /// <summary>Whose log the entry belongs to.</summary>
    public required string UserId { get; init; }

    /// <summary>What happened.</summary>
    public required SecurityEventType Type { get; init; }

    /// <summary>Whether it succeeded.</summary>
    public required SecurityEventOutcome Outcome { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The client's IP address, when known.</summary>
    public string? IpAddress { get; init; }

    /// <summary>The approximate location of <see cref="IpAddress"/>, when it could be resolved.</summary>
    public string? Location { get; init; }

    /// <summary>The device concerned, if any.</summary>
    public string? DeviceId { get; init; }

    /// <summary>Who acted, when not the user (for example the admin who reset the devices).</summary>
    public string? ActorId { get; init; }

    /// <summary>A short, non-secret explanation (an error code, a device name). Never a code or a secret.</summary>
    public string? Detail { get; init; }
}
