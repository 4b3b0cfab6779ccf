namespace Cpoms.TwoFactor.EntityFrameworkCore.Entities;

/// <summary>One row of the challenges table. Rows are inserted and deleted, never updated.</summary>
internal sealed class ChallengeEntity
{
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public string Purpose { get; set; } = "";

    public byte[] Value { get; set; } = [];

    public string? State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
