using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.Core.Notifications;

/// <summary>What a user is told about.</summary>
public enum TwoFactorNotificationKind
{
    /// <summary>A device was added to the account.</summary>
    DeviceAdded = 0,

    /// <summary>A device was removed from the account.</summary>
    DeviceRemoved = 1,

    /// <summary>An admin removed the account's devices.</summary>
    DevicesReset = 2,

    /// <summary>Two-factor sign-in was locked after repeated failures.</summary>
    LockedOut = 3,
}

/// <summary>A message for a user about their two-factor devices.</summary>
/// <param name="UserId">Who to tell.</param>
/// <param name="Kind">What happened.</param>
/// <param name="DeviceName">The device concerned, if one.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record TwoFactorNotification(string UserId, TwoFactorNotificationKind Kind, string? DeviceName, DateTimeOffset OccurredAt);

/// <summary>
/// Tells users about changes to their devices (by e-mail, in-app message …). The default only writes a log
/// line; register your own implementation to deliver messages.
/// </summary>
public interface ITwoFactorNotifier
{
    /// <summary>Delivers <paramref name="notification"/>. Failures should be logged, not thrown.</summary>
    Task NotifyAsync(TwoFactorNotification notification, CancellationToken cancellationToken = default);
}

internal sealed class LoggingNotifier(ILogger<LoggingNotifier> logger) : ITwoFactorNotifier
{
    public Task NotifyAsync(TwoFactorNotification notification, CancellationToken cancellationToken = default)
    {
        Log.NotificationNotDelivered(logger, notification.UserId, notification.Kind);
        return Task.CompletedTask;
    }
}
