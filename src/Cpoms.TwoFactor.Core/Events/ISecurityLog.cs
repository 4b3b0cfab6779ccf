namespace Cpoms.TwoFactor.Core.Events;

/// <summary>
/// Writes the per-user security log. Fills in the time, the client's IP address and its approximate
/// location from the current <see cref="Context.IClientContextAccessor"/>.
/// </summary>
public interface ISecurityLog
{
    /// <summary>Appends an entry to <paramref name="userId"/>'s log.</summary>
    /// <param name="userId">Whose log.</param>
    /// <param name="type">What happened.</param>
    /// <param name="outcome">Whether it succeeded.</param>
    /// <param name="deviceId">The device concerned, if any.</param>
    /// <param name="detail">A short non-secret detail; never a code, secret or raw client input.</param>
    /// <param name="actorId">Who acted, when not the user.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task WriteAsync(
        string userId,
        SecurityEventType type,
        SecurityEventOutcome outcome,
        string? deviceId = null,
        string? detail = null,
        string? actorId = null,
        CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="count"/> entries of a user's log, newest first.</summary>
    Task<IReadOnlyList<SecurityEvent>> ListAsync(string userId, int count, CancellationToken cancellationToken = default);
}
