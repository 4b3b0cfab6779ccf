using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.WebAuthn;

/// <summary>
/// The WebAuthn package's log messages. Event ids 3000–3999; ids are never reused. Never log raw client input,
/// credential IDs, public keys or signatures: only user and device ids, error codes and counters.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "Security key {DeviceId} registered for user {UserId} (attestation format {Format}).")]
    public static partial void RegistrationSucceeded(ILogger logger, string userId, string deviceId, string format);

    [LoggerMessage(3002, LogLevel.Warning, "Security key registration for user {UserId} failed: {ErrorCode}.")]
    public static partial void RegistrationFailed(ILogger logger, string userId, string errorCode);

    [LoggerMessage(3003, LogLevel.Information, "User {UserId} signed in with security key {DeviceId} (signed for the legacy AppID: {UsedAppId}).")]
    public static partial void AuthenticationSucceeded(ILogger logger, string userId, string deviceId, bool usedAppId);

    [LoggerMessage(3004, LogLevel.Warning, "Security key sign-in for user {UserId} (device {DeviceId}) failed: {ErrorCode}.")]
    public static partial void AuthenticationFailed(ILogger logger, string userId, string? deviceId, string errorCode);

    [LoggerMessage(3005, LogLevel.Warning, "Security key {DeviceId} of user {UserId} sent signature counter {Received} after {Stored}: it may have been cloned.")]
    public static partial void PossibleClonedKey(ILogger logger, string userId, string deviceId, uint stored, uint received);

    [LoggerMessage(3006, LogLevel.Information, "Security key {DeviceId} of user {UserId} changed backup state to eligible={BackupEligible}, backed up={BackedUp}.")]
    public static partial void BackupStateChanged(ILogger logger, string userId, string deviceId, bool backupEligible, bool backedUp);

    [LoggerMessage(3007, LogLevel.Warning, "Security key {DeviceId} of user {UserId} was used concurrently; the later assertion was refused.")]
    public static partial void ConcurrentAssertion(ILogger logger, string userId, string deviceId);

    [LoggerMessage(3008, LogLevel.Debug, "A security key response for user {UserId} could not be read ({Part}).")]
    public static partial void MalformedResponse(ILogger logger, string userId, string part);
}
