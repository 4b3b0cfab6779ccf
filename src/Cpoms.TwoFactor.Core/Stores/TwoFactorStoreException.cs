namespace Cpoms.TwoFactor.Core.Stores;

/// <summary>
/// The store could not do what was asked: the database is down or unreachable, a connection dropped, a transaction was
/// chosen as a deadlock victim or failed to serialize. Stores throw this (and never a provider's own exception); the
/// SDK's services catch it at their public boundary and return <see cref="Results.TwoFactorErrors.StoreUnavailable"/>,
/// which the AspNetCore package answers with HTTP 503 and <c>Retry-After</c>.
/// </summary>
public sealed class TwoFactorStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, for logs. Never a secret or a code.</param>
    /// <param name="isTransient">Whether trying again later may succeed.</param>
    /// <param name="outcomeUnknown">Whether the failure happened while committing, so the change may or may not have been stored.</param>
    /// <param name="innerException">The provider's exception.</param>
    public TwoFactorStoreException(string message, bool isTransient, bool outcomeUnknown = false, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary><see langword="true"/> when trying again later may succeed (a dropped connection, a deadlock, a restart).</summary>
    public bool IsTransient { get; }

    /// <summary>
    /// <see langword="true"/> when the failure happened during the commit: the change may have been stored. The SDK never
    /// retries such a unit; the user's next attempt meets the one-time guards (a code already used, a challenge consumed).
    /// </summary>
    public bool OutcomeUnknown { get; }
}
