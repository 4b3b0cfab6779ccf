namespace Cpoms.TwoFactor.Core.Stores.InMemory;

/// <summary>A thread-safe, process-local <see cref="ITwoFactorStampStore"/>.</summary>
public sealed class InMemoryTwoFactorStampStore : ITwoFactorStampStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _stamps = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<string> GetStampAsync(string userId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_stamps.TryGetValue(userId, out var stamp))
            {
                stamp = TwoFactorStamps.Create();
                _stamps.Add(userId, stamp);
            }

            return Task.FromResult(stamp);
        }
    }

    /// <inheritdoc />
    public Task<string> RotateStampAsync(string userId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var stamp = TwoFactorStamps.Create();
            _stamps[userId] = stamp;
            return Task.FromResult(stamp);
        }
    }
}
