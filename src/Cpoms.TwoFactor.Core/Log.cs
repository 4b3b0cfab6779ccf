using Cpoms.TwoFactor.Core.Notifications;
using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.Core;

/// <summary>Core's log messages. Event ids 1000–1999; ids are never reused. Never log secrets or codes.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Device {DeviceId} ({Kind}) added for user {UserId}.")]
    public static partial void DeviceAdded(ILogger logger, string userId, string deviceId, string kind);

    [LoggerMessage(1002, LogLevel.Information, "Device {DeviceId} removed for user {UserId}.")]
    public static partial void DeviceRemoved(ILogger logger, string userId, string deviceId);

    [LoggerMessage(1003, LogLevel.Warning, "Admin {AdminId} removed {Count} device(s) of user {UserId}.")]
    public static partial void DevicesReset(ILogger logger, string userId, string adminId, int count);

    [LoggerMessage(1004, LogLevel.Warning, "Two-factor sign-in for user {UserId} is locked after {Failures} consecutive failures.")]
    public static partial void LockedOut(ILogger logger, string userId, int failures);

    [LoggerMessage(1005, LogLevel.Information, "No notifier is registered: user {UserId} was not told about {Kind}.")]
    public static partial void NotificationNotDelivered(ILogger logger, string userId, TwoFactorNotificationKind kind);

    [LoggerMessage(1006, LogLevel.Warning, "Device {DeviceId} for user {UserId} was not added: it is already registered.")]
    public static partial void DuplicateDevice(ILogger logger, string userId, string deviceId);
}
