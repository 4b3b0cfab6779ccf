using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.Core.Throttling;

/// <summary>
/// Throttles second-factor attempts per user and per device (see <see cref="ThrottlingOptions"/>).
/// Factor verifiers call <see cref="CheckAsync"/> before verifying, then exactly one of
/// <see cref="RecordFailureAsync"/> or <see cref="RecordSuccessAsync"/>.
/// </summary>
public interface IAttemptThrottle
{
    /// <summary>
    /// <see langword="null"/> when an attempt may be made now; otherwise the throttling or lockout error,
    /// with <see cref="TwoFactorError.RetryAt"/> set where a wait will help.
    /// </summary>
    Task<TwoFactorError?> CheckAsync(string userId, string? deviceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts a failure for the user and the device. Returns the error to show if the failure has now
    /// blocked further attempts, else <see langword="null"/>. A new lockout is written to the security log.
    /// </summary>
    Task<TwoFactorError?> RecordFailureAsync(string userId, string? deviceId, CancellationToken cancellationToken = default);

    /// <summary>Clears the user's and the device's counters after a success.</summary>
    Task RecordSuccessAsync(string userId, string? deviceId, CancellationToken cancellationToken = default);

    /// <summary>Clears the user's counter (an admin reset).</summary>
    Task ResetAsync(string userId, CancellationToken cancellationToken = default);
}
