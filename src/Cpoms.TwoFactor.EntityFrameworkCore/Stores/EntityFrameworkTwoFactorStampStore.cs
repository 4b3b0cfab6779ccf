using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.EntityFrameworkCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="ITwoFactorStampStore"/> over the host's <typeparamref name="TContext"/>. The first read inserts
/// a stamp; when two nodes race, the primary key keeps one and both return it. A rotation is one UPDATE
/// (or the insert of the first stamp). Rows are never deleted, so once a user's row exists it stays; a user
/// id that the database matches only case-insensitively throws instead of sharing another user's stamp.
/// </summary>
internal sealed class EntityFrameworkTwoFactorStampStore<TContext>(
    TContext context, ILogger<EntityFrameworkTwoFactorStampStore<TContext>> logger) : ITwoFactorStampStore
    where TContext : DbContext
{
    private const string Table = "two-factor stamp";

    // A lost insert race is settled by the next read, because rows are never deleted; the bound only guards
    // against a table that someone else deletes from.
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
            if (await TryInsertAsync(entity, cancellationToken).ConfigureAwait(false))
            {
                return entity.Stamp;
            }
        }

        throw new InvalidOperationException($"The two-factor stamp could not be created in {MaxRounds} rounds.");
    }

    public async Task<string> RotateStampAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        for (var round = 0; round < MaxRounds; round++)
        {
            var stamp = TwoFactorStamps.Create();

            // Checked first so that the UPDATE below can only match this user's own row (the primary key
            // allows one row per user id as the database compares them, and rows are never deleted).
            if (await FindStampAsync(userId, cancellationToken).ConfigureAwait(false) is not null)
            {
                await _stamps
                    .Where(s => s.UserId == userId)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Stamp, stamp), cancellationToken).ConfigureAwait(false);
                return stamp;
            }

            if (await TryInsertAsync(new TwoFactorStampEntity { UserId = userId, Stamp = stamp }, cancellationToken).ConfigureAwait(false))
            {
                return stamp;
            }
        }

        throw new InvalidOperationException($"The two-factor stamp could not be rotated in {MaxRounds} rounds.");
    }

    private async Task<bool> TryInsertAsync(TwoFactorStampEntity entity, CancellationToken cancellationToken)
    {
        var userId = entity.UserId;
        if (await StoreContext.TryInsertAsync(context, entity, ct => _stamps.AnyAsync(s => s.UserId == userId, ct), cancellationToken)
                .ConfigureAwait(false))
        {
            return true;
        }

        Log.InsertRaceLost(logger, Table);
        return false;
    }

    /// <summary>The stamp of exactly <paramref name="userId"/>; throws when the database matched a different-case user id instead.</summary>
    private async Task<string?> FindStampAsync(string userId, CancellationToken cancellationToken)
    {
        var candidates = await _stamps.AsNoTracking()
            .Where(s => s.UserId == userId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (candidates.Find(s => string.Equals(s.UserId, userId, StringComparison.Ordinal)) is { } exact)
        {
            return exact.Stamp;
        }

        return candidates.Count > 0 ? throw StoreContext.CaseInsensitiveMatch(Table) : null;
    }
}
