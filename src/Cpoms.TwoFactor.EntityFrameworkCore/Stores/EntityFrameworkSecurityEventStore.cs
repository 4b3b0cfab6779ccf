using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.EntityFrameworkCore.Entities;
using Cpoms.TwoFactor.EntityFrameworkCore.Mapping;
using Microsoft.EntityFrameworkCore;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="ISecurityEventStore"/> over the host's <typeparamref name="TContext"/>: INSERT only, and one
/// query served by the (UserId, OccurredAt DESC, Id DESC) index.
/// </summary>
internal sealed class EntityFrameworkSecurityEventStore<TContext>(TContext context) : ISecurityEventStore
    where TContext : DbContext
{
    private readonly DbSet<SecurityEventEntity> _events = StoreContext.Set<SecurityEventEntity>(context);

    public async Task AppendAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        var entry = context.Add(SecurityEventMapper.ToEntity(securityEvent));
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            entry.State = EntityState.Detached;
        }
    }

    public async Task<IReadOnlyList<SecurityEvent>> ListAsync(string userId, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (count <= 0)
        {
            return [];
        }

        var entities = await _events.AsNoTracking()
            .Where(e => e.UserId == userId)
            .OrderByDescending(e => e.OccurredAt)
            .ThenByDescending(e => e.Id)
            .Take(count)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // Re-checked here: under a case-insensitive collation the query would also match other users' rows.
        return entities
            .Where(e => string.Equals(e.UserId, userId, StringComparison.Ordinal))
            .Select(SecurityEventMapper.ToDomain)
            .ToArray();
    }
}
