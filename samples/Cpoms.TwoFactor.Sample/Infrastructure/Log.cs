namespace Cpoms.TwoFactor.Sample.Infrastructure;

/// <summary>The sample's log messages. Event ids 8000–8999; ids are never reused. Never log passwords or codes.</summary>
internal static partial class Log
{
    [LoggerMessage(8001, LogLevel.Information, "User {UserId} signed in with a password.")]
    public static partial void SignedIn(ILogger logger, string userId);

    [LoggerMessage(8002, LogLevel.Warning, "A sign-in with a wrong e-mail address or password was refused.")]
    public static partial void SignInRefused(ILogger logger);

    [LoggerMessage(8003, LogLevel.Information, "User {UserId} signed out.")]
    public static partial void SignedOut(ILogger logger, string userId);

    [LoggerMessage(8004, LogLevel.Information, "Admin {AdminId} moved user {UserId} to group {Group}.")]
    public static partial void GroupChanged(ILogger logger, string adminId, string userId, string group);
}
