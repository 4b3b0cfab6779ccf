using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.Core.Throttling;

/// <summary>
/// Throttles second-factor attempts per user and per device (see <see cref="ThrottlingOptions"/>).
/// </summary>
/// <remarks>
/// A factor verifier calls <see cref="TryBeginAttemptAsync"/> immediately before verifying, then exactly one of
/// <see cref="RecordSuccessAsync"/> or <see cref="RecordFailureAsync"/> on the same (scoped) instance.
/// <see cref="TryBeginAttemptAsync"/> counts the attempt as a failure <em>before</em> it is verified, atomically
/// in the <see cref="Stores.IAttemptCounterStore"/>, so parallel requests cannot slip extra guesses past a delay,
/// a lockout or the hard cap of <see cref="ThrottlingOptions.MaxConsecutiveFailures"/>; a success clears it.
/// <see cref="CheckAsync"/> only reads, for showing the state (or for callers that use the older
/// check-then-record protocol, which counts in <see cref="RecordFailureAsync"/> instead and is not safe
/// against parallel guesses).
/// </remarks>
public interface IAttemptThrottle
{
    /// <summary>
    /// <see langword="null"/> when an attempt may be made now; otherwise the throttling or lockout error that
    /// ends last, with <see cref="TwoFactorError.RetryAt"/> set where a wait will help. Changes nothing.
    /// </summary>
    Task<TwoFactorError?> CheckAsync(string userId, string? deviceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reserves one attempt for the user (and the device, when given): if it is allowed now, counts it as a
    /// failure atomically and returns <see langword="null"/>; the caller then verifies and reports the outcome.
    /// Otherwise returns the throttling or lockout error and the caller must not verify. An attempt that lost a
    /// race with a parallel one that needed a delay is refused (and stays counted).
    /// </summary>
    Task<TwoFactorError?> TryBeginAttemptAsync(string userId, string? deviceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reports a failed attempt. After <see cref="TryBeginAttemptAsync"/> on this instance the failure is already
    /// counted; otherwise it is counted now. Returns the error to show if the failure has blocked further
    /// attempts (with <see cref="TwoFactorError.RetryAt"/>), else <see langword="null"/>. Every failure that
    /// locks the user or device out is written to the security log.
    /// </summary>
    Task<TwoFactorError?> RecordFailureAsync(string userId, string? deviceId, CancellationToken cancellationToken = default);

    /// <summary>Clears the user's and the device's counters after a success (including a reserved attempt).</summary>
    Task RecordSuccessAsync(string userId, string? deviceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Clears the user's counter and those of the user's remaining devices (an admin reset), lifting every
    /// lockout, including the permanent one.
    /// </summary>
    Task ResetAsync(string userId, CancellationToken cancellationToken = default);
}
