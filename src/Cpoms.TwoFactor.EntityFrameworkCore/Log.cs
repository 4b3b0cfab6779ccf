using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.EntityFrameworkCore;

/// <summary>The EF Core package's log messages. Event ids 6000–6999; ids are never reused. Never log secrets or codes.</summary>
internal static partial class Log
{
    [LoggerMessage(6001, LogLevel.Debug, "Device {DeviceId} was not stored: its id or credential id is already stored.")]
    public static partial void DeviceAlreadyStored(ILogger logger, string deviceId);

    [LoggerMessage(6002, LogLevel.Debug, "A concurrent insert into {Table} won the race; retrying as an update.")]
    public static partial void InsertRaceLost(ILogger logger, string table);
}
