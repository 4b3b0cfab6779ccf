using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.EntityFrameworkCore.Entities;
using Cpoms.TwoFactor.EntityFrameworkCore.Mapping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IAttemptCounterStore"/> over the host's <typeparamref name="TContext"/>. An increment is
/// <c>UPDATE … SET ConsecutiveFailures = ConsecutiveFailures + 1</c> followed, in the same transaction, by
/// reading the row back: the UPDATE holds the row lock until commit, so the value read is this increment's.
/// The first failure of a key inserts the row; a lost insert race becomes an increment. A key that the
/// database matches only case-insensitively throws instead of sharing another key's counter.
/// </summary>
internal sealed class EntityFrameworkAttemptCounterStore<TContext>(
    TContext context, ILogger<EntityFrameworkAttemptCounterStore<TContext>> logger) : IAttemptCounterStore
    where TContext : DbContext
{
    private const string Table = "attempt counter";

    // Each failed round means another node inserted the row and a reset deleted it again in between.
    private const int MaxRounds = 8;

    private readonly DbSet<AttemptCounterEntity> _counters = StoreContext.Set<AttemptCounterEntity>(context);

    public async Task<AttemptCounter> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (entity, _) = await FindEntityAsync(key, cancellationToken).ConfigureAwait(false);
        return entity is null ? AttemptCounter.None : ToCounter(entity);
    }

    public async Task<AttemptCounter> IncrementAsync(string key, DateTimeOffset failedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var at = Timestamps.ToStored(failedAt);
        for (var round = 0; round < MaxRounds; round++)
        {
            var incremented = await StoreContext.InTransactionAsync(context, async ct =>
            {
                var updated = await _counters
                    .Where(c => c.Key == key)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(
                                c => c.ConsecutiveFailures,
                                c => c.ConsecutiveFailures == int.MaxValue ? int.MaxValue : c.ConsecutiveFailures + 1)
                            .SetProperty(c => c.LastFailureAt, at),
                        ct).ConfigureAwait(false);
                if (updated == 0)
                {
                    return null;
                }

                // Throwing here rolls the transaction back, undoing an increment of a different-case key.
                var (entity, _) = await FindEntityAsync(key, ct).ConfigureAwait(false);
                return entity ?? throw StoreContext.CaseInsensitiveMatch(Table);
            }, cancellationToken).ConfigureAwait(false);
            if (incremented is not null)
            {
                return ToCounter(incremented);
            }

            var inserted = new AttemptCounterEntity { Key = key, ConsecutiveFailures = 1, LastFailureAt = at };
            if (await StoreContext.TryInsertAsync(context, inserted, ct => _counters.AnyAsync(c => c.Key == key, ct), cancellationToken)
                    .ConfigureAwait(false))
            {
                return ToCounter(inserted);
            }

            Log.InsertRaceLost(logger, Table);
        }

        throw new InvalidOperationException(
            $"The attempt counter could not be incremented in {MaxRounds} rounds: it is being inserted and reset concurrently.");
    }

    public async Task ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (entity, otherCase) = await FindEntityAsync(key, cancellationToken).ConfigureAwait(false);
        if (otherCase)
        {
            throw StoreContext.CaseInsensitiveMatch(Table);
        }

        if (entity is null)
        {
            return;
        }

        await _counters.Where(c => c.Key == key).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The row of exactly <paramref name="key"/>, and whether the database matched a different-case key instead.</summary>
    private async Task<(AttemptCounterEntity? Entity, bool OtherCase)> FindEntityAsync(string key, CancellationToken cancellationToken)
    {
        var candidates = await _counters.AsNoTracking()
            .Where(c => c.Key == key)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var exact = candidates.Find(c => string.Equals(c.Key, key, StringComparison.Ordinal));
        return (exact, exact is null && candidates.Count > 0);
    }

    private static AttemptCounter ToCounter(AttemptCounterEntity entity) => new(entity.ConsecutiveFailures, entity.LastFailureAt);
}
