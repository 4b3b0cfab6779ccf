using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.AspNetCore;

/// <summary>AspNetCore's log messages. Event ids 7000–7999; ids are never reused. Never log codes or raw input.</summary>
internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Information, "Session of user {UserId} elevated by device {DeviceId}.")]
    public static partial void SessionElevated(ILogger logger, string userId, string deviceId);

    [LoggerMessage(7002, LogLevel.Information, "Elevation claims dropped from the session of user {UserId}: its two-factor stamp is stale.")]
    public static partial void ElevationRevoked(ILogger logger, string userId);

    [LoggerMessage(7003, LogLevel.Warning, "Two-factor request rate limit reached for partition {Partition}.")]
    public static partial void RateLimited(ILogger logger, string partition);

    [LoggerMessage(7004, LogLevel.Warning, "Two-factor API request rejected: antiforgery validation failed.")]
    public static partial void AntiforgeryFailed(ILogger logger);

    [LoggerMessage(7005, LogLevel.Warning, "Session of user {UserId} could not be elevated: {Code}.")]
    public static partial void ElevationFailed(ILogger logger, string userId, string code);
}
