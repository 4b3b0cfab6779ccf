using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Notifications;
using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Core.Throttling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Core.Devices;

/// <summary>
/// The one way to add, remove and reset devices and to record their use. Every change rotates the user's
/// two-factor stamp (so elevated sessions re-check), writes the security log and notifies the user.
/// </summary>
public sealed class DeviceManager
{
    private readonly IDeviceStore _devices;
    private readonly ITwoFactorStampStore _stamps;
    private readonly ISecurityLog _securityLog;
    private readonly ITwoFactorNotifier _notifier;
    private readonly IAttemptThrottle _throttle;
    private readonly IOptionsMonitor<TwoFactorOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DeviceManager> _logger;

    /// <summary>Creates the manager; resolve it from dependency injection.</summary>
    public DeviceManager(
        IDeviceStore devices,
        ITwoFactorStampStore stamps,
        ISecurityLog securityLog,
        ITwoFactorNotifier notifier,
        IAttemptThrottle throttle,
        IOptionsMonitor<TwoFactorOptions> options,
        TimeProvider timeProvider,
        ILogger<DeviceManager> logger)
    {
        _devices = devices;
        _stamps = stamps;
        _securityLog = securityLog;
        _notifier = notifier;
        _throttle = throttle;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The user's devices, oldest first.</summary>
    public Task<IReadOnlyList<Device>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return _devices.ListAsync(userId, cancellationToken);
    }

    /// <summary>One of the user's devices, or <see langword="null"/> when it does not exist or is someone else's.</summary>
    public async Task<Device?> FindAsync(string userId, string deviceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var device = await _devices.FindAsync(deviceId, cancellationToken).ConfigureAwait(false);
        return device is not null && string.Equals(device.UserId, userId, StringComparison.Ordinal) ? device : null;
    }

    /// <summary>
    /// Adds a verified new device. Fails with <see cref="TwoFactorErrors.DuplicateDevice"/> when it (or its
    /// credential) is already registered, changing nothing.
    /// </summary>
    public async Task<TwoFactorResult<Device>> AddAsync(Device device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!await _devices.TryAddAsync(device, cancellationToken).ConfigureAwait(false))
        {
            Log.DuplicateDevice(_logger, device.UserId, device.Id);
            await _securityLog.WriteAsync(
                device.UserId, SecurityEventTypes.EnrollmentFailed, SecurityEventOutcome.Failure,
                detail: TwoFactorErrors.DuplicateDevice.Code, cancellationToken: cancellationToken).ConfigureAwait(false);
            return TwoFactorErrors.DuplicateDevice;
        }

        await _stamps.RotateStampAsync(device.UserId, cancellationToken).ConfigureAwait(false);
        Log.DeviceAdded(_logger, device.UserId, device.Id, device.Kind.Value);
        await _securityLog.WriteAsync(
            device.UserId, SecurityEventTypes.DeviceAdded, SecurityEventOutcome.Success, device.Id,
            detail: device.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        await NotifyAsync(device.UserId, TwoFactorNotificationKind.DeviceAdded, device.Name, cancellationToken).ConfigureAwait(false);
        return TwoFactorResult.Success(device);
    }

    /// <summary>Removes one of the user's own devices.</summary>
    public async Task<TwoFactorResult> RemoveAsync(string userId, string deviceId, CancellationToken cancellationToken = default)
    {
        var device = await FindAsync(userId, deviceId, cancellationToken).ConfigureAwait(false);
        if (device is null || !await _devices.TryRemoveAsync(userId, deviceId, cancellationToken).ConfigureAwait(false))
        {
            return TwoFactorResult.Failure(TwoFactorErrors.DeviceNotFound);
        }

        await _stamps.RotateStampAsync(userId, cancellationToken).ConfigureAwait(false);
        Log.DeviceRemoved(_logger, userId, deviceId);
        await _securityLog.WriteAsync(
            userId, SecurityEventTypes.DeviceRemoved, SecurityEventOutcome.Success, deviceId,
            detail: device.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        await NotifyAsync(userId, TwoFactorNotificationKind.DeviceRemoved, device.Name, cancellationToken).ConfigureAwait(false);
        return TwoFactorResult.Success();
    }

    /// <summary>
    /// An admin reset: removes all of <paramref name="userId"/>'s devices except the kinds in
    /// <see cref="TwoFactorOptions.ProtectedDeviceKinds"/>, clears the user's lockout, rotates the stamp (so the
    /// user's elevated sessions lose elevation), and logs it for the user and for <paramref name="adminId"/>.
    /// The caller must have checked the admin's permission, recent elevation and confirmation.
    /// </summary>
    /// <returns>The removed devices (empty when there were none; nothing is logged then).</returns>
    public async Task<IReadOnlyList<Device>> ResetAsync(string userId, string adminId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(adminId);
        var keep = _options.CurrentValue.ProtectedDeviceKinds.ToArray();
        var removed = await _devices.RemoveAllAsync(userId, keep, cancellationToken).ConfigureAwait(false);
        await _throttle.ResetAsync(userId, cancellationToken).ConfigureAwait(false);
        if (removed.Count == 0)
        {
            return removed;
        }

        await _stamps.RotateStampAsync(userId, cancellationToken).ConfigureAwait(false);
        Log.DevicesReset(_logger, userId, adminId, removed.Count);
        var detail = $"{removed.Count} device(s) removed";
        await _securityLog.WriteAsync(
            userId, SecurityEventTypes.DevicesReset, SecurityEventOutcome.Success, detail: detail, actorId: adminId,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        await _securityLog.WriteAsync(
            adminId, SecurityEventTypes.ResetPerformed, SecurityEventOutcome.Success, detail: $"{detail} for user {userId}",
            actorId: adminId, cancellationToken: cancellationToken).ConfigureAwait(false);
        await NotifyAsync(userId, TwoFactorNotificationKind.DevicesReset, null, cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <summary>
    /// Records that <paramref name="device"/> just passed a sign-in: sets its last-used time (and, on first use,
    /// its verified time), clears throttling counters and writes <see cref="SecurityEventTypes.FactorSucceeded"/>.
    /// </summary>
    public async Task RecordSuccessfulUseAsync(Device device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        await _devices.TryRecordUseAsync(device.Id, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await _throttle.RecordSuccessAsync(device.UserId, device.Id, cancellationToken).ConfigureAwait(false);
        await _securityLog.WriteAsync(
            device.UserId, SecurityEventTypes.FactorSucceeded, SecurityEventOutcome.Success, device.Id,
            detail: device.Kind.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user's current two-factor stamp (carried by elevated sessions).</summary>
    public Task<string> GetStampAsync(string userId, CancellationToken cancellationToken = default) =>
        _stamps.GetStampAsync(userId, cancellationToken);

    private async Task NotifyAsync(string userId, TwoFactorNotificationKind kind, string? deviceName, CancellationToken cancellationToken) =>
        await _notifier.NotifyAsync(
            new TwoFactorNotification(userId, kind, deviceName, _timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
}
