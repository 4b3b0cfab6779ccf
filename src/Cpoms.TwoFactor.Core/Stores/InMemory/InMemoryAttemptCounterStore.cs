namespace Cpoms.TwoFactor.Core.Stores.InMemory;

/// <summary>A thread-safe, process-local <see cref="IAttemptCounterStore"/>.</summary>
public sealed class InMemoryAttemptCounterStore : IAttemptCounterStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AttemptCounter> _counters = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<AttemptCounter> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_counters.GetValueOrDefault(key));
        }
    }

    /// <inheritdoc />
    public Task<AttemptCounter> IncrementAsync(string key, DateTimeOffset failedAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var current = _counters.GetValueOrDefault(key);
            var next = new AttemptCounter(
                current.ConsecutiveFailures == int.MaxValue ? int.MaxValue : current.ConsecutiveFailures + 1,
                failedAt);
            _counters[key] = next;
            return Task.FromResult(next);
        }
    }

    /// <inheritdoc />
    public Task ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _counters.Remove(key);
        }

        return Task.CompletedTask;
    }
}
