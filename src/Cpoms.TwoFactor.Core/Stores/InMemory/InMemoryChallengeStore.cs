namespace Cpoms.TwoFactor.Core.Stores.InMemory;

/// <summary>A thread-safe, process-local <see cref="IChallengeStore"/>; consumption is atomic within the process.</summary>
public sealed class InMemoryChallengeStore : IChallengeStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OneTimeChallenge> _challenges = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task AddAsync(OneTimeChallenge challenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        lock (_gate)
        {
            if (!_challenges.TryAdd(challenge.Id, challenge))
            {
                throw new InvalidOperationException("A challenge with this id already exists.");
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<OneTimeChallenge?> TryConsumeAsync(
        string id, string userId, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_challenges.TryGetValue(id, out var challenge))
            {
                return Task.FromResult<OneTimeChallenge?>(null);
            }

            if (challenge.ExpiresAt <= now)
            {
                _challenges.Remove(id);
                return Task.FromResult<OneTimeChallenge?>(null);
            }

            if (!Matches(challenge, userId, purpose))
            {
                return Task.FromResult<OneTimeChallenge?>(null);
            }

            _challenges.Remove(id);
            return Task.FromResult<OneTimeChallenge?>(challenge);
        }
    }

    /// <inheritdoc />
    public Task<OneTimeChallenge?> FindAsync(
        string id, string userId, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(
                _challenges.TryGetValue(id, out var challenge) && challenge.ExpiresAt > now && Matches(challenge, userId, purpose)
                    ? challenge
                    : null);
        }
    }

    /// <inheritdoc />
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var expired = _challenges.Values.Where(c => c.ExpiresAt <= now).Select(c => c.Id).ToArray();
            foreach (var id in expired)
            {
                _challenges.Remove(id);
            }

            return Task.FromResult(expired.Length);
        }
    }

    private static bool Matches(OneTimeChallenge challenge, string userId, string purpose) =>
        string.Equals(challenge.UserId, userId, StringComparison.Ordinal) &&
        string.Equals(challenge.Purpose, purpose, StringComparison.Ordinal);
}
