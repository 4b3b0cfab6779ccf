using Cpoms.TwoFactor.Core.Events;

namespace Cpoms.TwoFactor.Core.Stores.InMemory;

/// <summary>A thread-safe, process-local <see cref="ISecurityEventStore"/>.</summary>
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
                .Where(e => string.Equals(e.UserId, userId, StringComparison.Ordinal))
                .OrderByDescending(e => e.OccurredAt)
                .ThenByDescending(e => e.Id)
                .Take(count)
                .ToArray();
            return Task.FromResult(result);
        }
    }
}
