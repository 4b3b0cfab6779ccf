using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.Totp;

/// <summary>The Totp package's log messages. Event ids 2000–2999; ids are never reused. Never log secrets or codes.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Information, "Authenticator-app enrollment {EnrollmentId} started for user {UserId}.")]
    public static partial void EnrollmentStarted(ILogger logger, string userId, string enrollmentId);

    [LoggerMessage(2002, LogLevel.Information, "Authenticator-app enrollment {EnrollmentId} of user {UserId} failed: {ErrorCode}.")]
    public static partial void EnrollmentFailed(ILogger logger, string userId, string enrollmentId, string errorCode);

    [LoggerMessage(2003, LogLevel.Warning, "The protected secret of {What} for user {UserId} could not be decrypted (tampered with, or its key is gone).")]
    public static partial void SecretUnreadable(ILogger logger, string userId, string what);

    [LoggerMessage(2004, LogLevel.Information, "Authenticator-app code accepted for user {UserId} on device {DeviceId} (drift {DriftSteps} step(s)).")]
    public static partial void CodeAccepted(ILogger logger, string userId, string deviceId, int driftSteps);

    [LoggerMessage(2005, LogLevel.Information, "Authenticator-app code rejected for user {UserId}: {ErrorCode}.")]
    public static partial void CodeRejected(ILogger logger, string userId, string errorCode);

    [LoggerMessage(2006, LogLevel.Warning, "Authenticator-app code replayed for user {UserId} on device {DeviceId}.")]
    public static partial void CodeReplayed(ILogger logger, string userId, string deviceId);

    [LoggerMessage(2007, LogLevel.Warning, "The clock of device {DeviceId} of user {UserId} is about {OffsetSeconds} s off.")]
    public static partial void ClockDrift(ILogger logger, string userId, string deviceId, long offsetSeconds);
}
