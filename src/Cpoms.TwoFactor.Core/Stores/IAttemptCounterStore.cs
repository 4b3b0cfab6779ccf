namespace Cpoms.TwoFactor.Core.Stores;

/// <summary>Consecutive failures under one throttling key (a user or a device).</summary>
/// <param name="ConsecutiveFailures">Failures since the last success or reset.</param>
/// <param name="LastFailureAt">When the last of them happened; <see langword="null"/> when there were none.</param>
public readonly record struct AttemptCounter(int ConsecutiveFailures, DateTimeOffset? LastFailureAt)
{
    /// <summary>No failures.</summary>
    public static AttemptCounter None => default;
}

/// <summary>Counts consecutive failed attempts per key, atomically on every node.</summary>
public interface IAttemptCounterStore
{
    /// <summary>The counter for <paramref name="key"/>; <see cref="AttemptCounter.None"/> when there is none.</summary>
    Task<AttemptCounter> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Atomically adds one failure at <paramref name="failedAt"/> and returns the new counter.</summary>
    Task<AttemptCounter> IncrementAsync(string key, DateTimeOffset failedAt, CancellationToken cancellationToken = default);

    /// <summary>Clears the counter (after a success or an admin reset).</summary>
    Task ResetAsync(string key, CancellationToken cancellationToken = default);
}
