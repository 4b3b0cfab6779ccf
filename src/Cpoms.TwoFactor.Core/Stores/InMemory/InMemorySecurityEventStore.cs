using Cpoms.TwoFactor.Core.Events;

namespace Cpoms.TwoFactor.Core.Stores.InMemory;

/// <summary>
/// A thread-safe, process-local <see cref="ISecurityEventStore"/>. Entries with the same time are listed in
/// reverse order of appending, so the newest-first order is exact even within one clock tick.
/// </summary>
public sealed class InMemorySecurityEventStore : ISecurityEventStore
{
    private readonly Lock _gate = new();
    private readonly List<SecurityEvent> _events = [];

    /// <inheritdoc />
    public Task AppendAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        lock (_gate)
        {
            _events.Add(securityEvent);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SecurityEvent>> ListAsync(string userId, int count, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<SecurityEvent> result = _events
                .Select((entry, sequence) => (entry, sequence))
                .Where(e => string.Equals(e.entry.UserId, userId, StringComparison.Ordinal))
                .OrderByDescending(e => e.entry.OccurredAt)
                .ThenByDescending(e => e.sequence)
                .Take(count)
                .Select(e => e.entry)
                .ToArray();
            return Task.FromResult(result);
        }
    }
}
