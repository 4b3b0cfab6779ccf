using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.EntityFrameworkCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="ITwoFactorStampStore"/> over the host's <typeparamref name="TContext"/>. The first read inserts
/// a stamp; when two nodes race, the primary key keeps one and both return it. A rotation is one UPDATE
/// (or the insert of the first stamp).
/// </summary>
internal sealed class EntityFrameworkTwoFactorStampStore<TContext>(
    TContext context, ILogger<EntityFrameworkTwoFactorStampStore<TContext>> logger) : ITwoFactorStampStore
    where TContext : DbContext
{
    // Each failed round means another node inserted the row in between; rows are never deleted, so one
    // retry settles it. The bound only guards against a table someone else deletes from.
    private const int MaxRounds = 8;

    private readonly DbSet<TwoFactorStampEntity> _stamps = StoreContext.Set<TwoFactorStampEntity>(context);

    public async Task<string> GetStampAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        for (var round = 0; round < MaxRounds; round++)
        {
            if (await FindStampAsync(userId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }

            var entity = new TwoFactorStampEntity { UserId = userId, Stamp = TwoFactorStamps.Create() };
            if (await StoreContext.TryInsertAsync(context, entity, ct => _stamps.AnyAsync(s => s.UserId == userId, ct), cancellationToken)
                    .ConfigureAwait(false))
            {
                return entity.Stamp;
            }

            Log.InsertRaceLost(logger, "two-factor stamps");
        }

        throw new InvalidOperationException($"The two-factor stamp could not be created in {MaxRounds} rounds.");
    }

    public async Task<string> RotateStampAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        for (var round = 0; round < MaxRounds; round++)
        {
            var stamp = TwoFactorStamps.Create();
            var updated = await _stamps
                .Where(s => s.UserId == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Stamp, stamp), cancellationToken).ConfigureAwait(false);
            if (updated == 1)
            {
                return stamp;
            }

            var entity = new TwoFactorStampEntity { UserId = userId, Stamp = stamp };
            if (await StoreContext.TryInsertAsync(context, entity, ct => _stamps.AnyAsync(s => s.UserId == userId, ct), cancellationToken)
                    .ConfigureAwait(false))
            {
                return stamp;
            }

            Log.InsertRaceLost(logger, "two-factor stamps");
        }

        throw new InvalidOperationException($"The two-factor stamp could not be rotated in {MaxRounds} rounds.");
    }

    private async Task<string?> FindStampAsync(string userId, CancellationToken cancellationToken)
    {
        var candidates = await _stamps.AsNoTracking()
            .Where(s => s.UserId == userId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return candidates.Find(s => string.Equals(s.UserId, userId, StringComparison.Ordinal))?.Stamp;
    }
}
