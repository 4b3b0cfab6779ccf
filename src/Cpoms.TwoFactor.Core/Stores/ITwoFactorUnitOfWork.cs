namespace Cpoms.TwoFactor.Core.Stores;

/// <summary>
/// Runs one domain operation's store calls as a single unit of work: its state change, its security events and its
/// outbox messages commit together or not at all. The SDK's own services use it for every state change; a host
/// needs it only to add its own store calls to an SDK operation's unit.
/// </summary>
/// <remarks>
/// <para>
/// Implementations: the in-memory stores run a unit under one process-wide lock and undo its changes when it throws;
/// the Entity Framework Core stores run it in one database transaction (joining the host's open transaction, if any),
/// so a fault at any statement rolls back every statement of the unit.
/// </para>
/// <para>
/// The operation may be run again from the start when the store meets a transient failure before
/// the commit (a dropped connection, a serialization failure, a deadlock), so it must only read and write through
/// the SDK's stores and must not have other side effects. A failure during the commit itself is never retried (the
/// outcome is unknown): it surfaces as <see cref="TwoFactorStoreException"/>, which the SDK's services turn into
/// <see cref="Results.TwoFactorErrors.StoreUnavailable"/>.
/// </para>
/// <para>Units nest: a unit started inside another joins it.</para>
/// </remarks>
public interface ITwoFactorUnitOfWork
{
    /// <summary>Runs <paramref name="operation"/> as one unit of work and returns its result once committed.</summary>
    /// <exception cref="TwoFactorStoreException">The store failed, or could not be reached; nothing was committed,
    /// unless the failure happened during the commit itself (<see cref="TwoFactorStoreException.OutcomeUnknown"/>).</exception>
    Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken = default);
}
