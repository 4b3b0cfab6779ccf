using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.EntityFrameworkCore.Entities;
using Cpoms.TwoFactor.EntityFrameworkCore.Mapping;
using Microsoft.EntityFrameworkCore;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IChallengeStore"/> over the host's <typeparamref name="TContext"/>. Challenges are never updated,
/// so consuming one is "read it, then delete it on the same conditions": the DELETE's affected-row count
/// decides the single winner, and what was read before is exactly what was deleted.
/// </summary>
internal sealed class EntityFrameworkChallengeStore<TContext>(TContext context) : IChallengeStore
    where TContext : DbContext
{
    private readonly DbSet<ChallengeEntity> _challenges = StoreContext.Set<ChallengeEntity>(context);

    /// <remarks>A duplicate id violates the primary key: the <see cref="DbUpdateException"/> propagates and nothing is stored.</remarks>
    public async Task AddAsync(OneTimeChallenge challenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var entry = context.Add(ChallengeMapper.ToEntity(challenge));
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            entry.State = EntityState.Detached;
        }
    }

    public async Task<OneTimeChallenge?> TryConsumeAsync(
        string id, string userId, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(purpose);
        var at = Timestamps.ToStored(now);
        var entity = await FindEntityAsync(id, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        if (entity.ExpiresAt <= at)
        {
            await _challenges.Where(c => c.Id == entity.Id && c.ExpiresAt <= at)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (!Matches(entity, userId, purpose))
        {
            return null;
        }

        // DELETE … WHERE Id = @id AND UserId = @user AND Purpose = @purpose AND ExpiresAt > @now: of all the
        // nodes that read the challenge, only the one whose DELETE removes the row gets it.
        var deleted = await _challenges
            .Where(c => c.Id == entity.Id && c.UserId == userId && c.Purpose == purpose && c.ExpiresAt > at)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted == 1 ? ChallengeMapper.ToDomain(entity) : null;
    }

    public async Task<OneTimeChallenge?> FindAsync(
        string id, string userId, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var entity = await FindEntityAsync(id, cancellationToken).ConfigureAwait(false);
        return entity is not null && entity.ExpiresAt > now && Matches(entity, userId, purpose)
            ? ChallengeMapper.ToDomain(entity)
            : null;
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var at = Timestamps.ToStored(now);
        return _challenges.Where(c => c.ExpiresAt <= at).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<ChallengeEntity?> FindEntityAsync(string id, CancellationToken cancellationToken)
    {
        var candidates = await _challenges.AsNoTracking()
            .Where(c => c.Id == id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return candidates.Find(c => string.Equals(c.Id, id, StringComparison.Ordinal));
    }

    private static bool Matches(ChallengeEntity entity, string userId, string purpose) =>
        string.Equals(entity.UserId, userId, StringComparison.Ordinal) &&
        string.Equals(entity.Purpose, purpose, StringComparison.Ordinal);
}
