namespace Cpoms.TwoFactor.EntityFrameworkCore.Entities;

/// <summary>One row of the attempt-counter table; a missing row means no failures.</summary>
internal sealed class AttemptCounterEntity
{
    public string Key { get; set; } = "";

    public int ConsecutiveFailures { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }
}
