using Cpoms.TwoFactor.Core.Events;

namespace Cpoms.TwoFactor.Core.Stores;

/// <summary>Stores the append-only security log.</summary>
public interface ISecurityEventStore
{
    /// <summary>Appends an entry. Entries are never changed or removed by the SDK.</summary>
    Task AppendAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest <paramref name="count"/> entries of a user, newest first; entries with the same time in
    /// reverse order of appending.
    /// </summary>
    Task<IReadOnlyList<SecurityEvent>> ListAsync(string userId, int count, CancellationToken cancellationToken = default);
}
