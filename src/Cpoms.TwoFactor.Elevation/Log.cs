using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.Elevation;

/// <summary>Elevation's log messages. Event ids 5000–5999; ids are never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Information, "Session of user {UserId} is not elevated any more: the user's two-factor devices changed.")]
    public static partial void StaleStamp(ILogger logger, string userId);

    [LoggerMessage(5002, LogLevel.Warning, "Group permission {Permission} was denied: no IUserGroupPermissions is registered.")]
    public static partial void NoGroupPermissions(ILogger logger, string permission);

    [LoggerMessage(5003, LogLevel.Warning, "Session of user {UserId} was not elevated: device {DeviceId} belongs to another user.")]
    public static partial void DeviceOfAnotherUser(ILogger logger, string userId, string deviceId);
}
