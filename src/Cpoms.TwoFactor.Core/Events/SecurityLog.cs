using Cpoms.TwoFactor.Core.Context;
using Cpoms.TwoFactor.Core.Stores;

namespace Cpoms.TwoFactor.Core.Events;

/// <summary>The default <see cref="ISecurityLog"/>: stamps entries with time and client context and stores them.</summary>
internal sealed class SecurityLog(
    ISecurityEventStore store,
    IClientContextAccessor clientContext,
    TimeProvider timeProvider) : ISecurityLog
{
    public async Task WriteAsync(
        string userId,
        SecurityEventType type,
        SecurityEventOutcome outcome,
        string? deviceId = null,
        string? detail = null,
        string? actorId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var client = await clientContext.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var entry = new SecurityEvent
        {
            Id = Guid.CreateVersion7(timeProvider.GetUtcNow()),
            UserId = userId,
            Type = type,
            Outcome = outcome,
            OccurredAt = timeProvider.GetUtcNow(),
            IpAddress = client.IpAddress,
            Location = client.Location,
            DeviceId = deviceId,
            ActorId = actorId,
            Detail = detail,
        };
        await store.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<SecurityEvent>> ListAsync(string userId, int count, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return store.ListAsync(userId, count, cancellationToken);
    }
}
