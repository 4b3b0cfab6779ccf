namespace Cpoms.TwoFactor.Core.Stores;

/// <summary>Stores one-time challenges. A challenge is consumed at most once, on any node.</summary>
public interface IChallengeStore
{
    /// <summary>Stores a new challenge. Its <see cref="OneTimeChallenge.Id"/> must be new.</summary>
    Task AddAsync(OneTimeChallenge challenge, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically removes and returns the challenge with this id, user and purpose if it has not expired
    /// at <paramref name="now"/>. Returns <see langword="null"/> (and leaves other users' and purposes'
    /// challenges alone) when there is no such live challenge; an expired one is removed either way.
    /// </summary>
    Task<OneTimeChallenge?> TryConsumeAsync(
        string id, string userId, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Reads a live challenge without consuming it (to show a pending enrollment again).</summary>
    Task<OneTimeChallenge?> FindAsync(
        string id, string userId, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Deletes challenges that expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
