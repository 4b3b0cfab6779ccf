using System.Globalization;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Core.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Core.Throttling;

/// <summary>
/// The default <see cref="IAttemptThrottle"/>: whether an attempt is allowed is derived from the counter alone
/// (consecutive failures and the time of the last one), so no separate lockout state can disagree with it.
/// Scoped: it remembers the attempts it reserved for the current request.
/// </summary>
internal sealed class AttemptThrottle(
    IAttemptCounterStore counters,
    IDeviceStore devices,
    ISecurityLog securityLog,
    IOptionsMonitor<TwoFactorOptions> options,
    TimeProvider timeProvider,
    ILogger<AttemptThrottle> logger) : IAttemptThrottle
{
    // Counter keys reserved by TryBeginAttemptAsync in this scope, with the counter the reservation produced.
    private readonly Dictionary<string, AttemptCounter> _reserved = new(StringComparer.Ordinal);

    public async Task<TwoFactorError?> CheckAsync(string userId, string? deviceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = timeProvider.GetUtcNow();
        var settings = options.CurrentValue.Throttling;
        var error = Evaluate(await counters.GetAsync(UserKey(userId), cancellationToken).ConfigureAwait(false), now, settings);
        if (deviceId is not null)
        {
            error = Worst(error, Evaluate(await counters.GetAsync(DeviceKey(deviceId), cancellationToken).ConfigureAwait(false), now, settings));
        }

        return error;
    }

    public async Task<TwoFactorError?> TryBeginAttemptAsync(string userId, string? deviceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var error = await ReserveAsync(userId, deviceId, UserKey(userId), cancellationToken).ConfigureAwait(false);
        if (error is null && deviceId is not null)
        {
            error = await ReserveAsync(userId, deviceId, DeviceKey(deviceId), cancellationToken).ConfigureAwait(false);
        }

        return error;
    }

    public async Task<TwoFactorError?> RecordFailureAsync(string userId, string? deviceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = timeProvider.GetUtcNow();
        var settings = options.CurrentValue.Throttling;
        var user = await CountFailureAsync(UserKey(userId), now, cancellationToken).ConfigureAwait(false);
        var device = deviceId is null
            ? AttemptCounter.None
            : await CountFailureAsync(DeviceKey(deviceId), now, cancellationToken).ConfigureAwait(false);

        await LogLockoutAsync(userId, deviceId, Math.Max(user.ConsecutiveFailures, device.ConsecutiveFailures), now, settings, cancellationToken)
            .ConfigureAwait(false);
        return Worst(Evaluate(user, now, settings), Evaluate(device, now, settings));
    }

    public async Task RecordSuccessAsync(string userId, string? deviceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await counters.ResetAsync(UserKey(userId), cancellationToken).ConfigureAwait(false);
        _reserved.Remove(UserKey(userId));
        if (deviceId is not null)
        {
            await counters.ResetAsync(DeviceKey(deviceId), cancellationToken).ConfigureAwait(false);
            _reserved.Remove(DeviceKey(deviceId));
        }
    }

    public async Task ResetAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await counters.ResetAsync(UserKey(userId), cancellationToken).ConfigureAwait(false);
        _reserved.Remove(UserKey(userId));
        foreach (var device in await devices.ListAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            await counters.ResetAsync(DeviceKey(device.Id), cancellationToken).ConfigureAwait(false);
            _reserved.Remove(DeviceKey(device.Id));
        }
    }

    /// <summary>
    /// Attempt number n is allowed when the n − 1 failures before it do not block now. The increment is atomic,
    /// so each parallel attempt gets its own n; one whose predecessor was not the failure this call read (a
    /// parallel attempt reserved it just now) is judged as if that failure happened now.
    /// </summary>
    private async Task<TwoFactorError?> ReserveAsync(string userId, string? deviceId, string key, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var settings = options.CurrentValue.Throttling;
        var before = await counters.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (Evaluate(before, now, settings) is { } blocked)
        {
            return blocked;
        }

        var after = await counters.IncrementAsync(key, now, cancellationToken).ConfigureAwait(false);
        _reserved[key] = after;
        var previous = after.ConsecutiveFailures - 1 == before.ConsecutiveFailures
            ? before
            : new AttemptCounter(after.ConsecutiveFailures - 1, now);
        if (Evaluate(previous, now, settings) is { } raced)
        {
            await LogLockoutAsync(userId, deviceId, after.ConsecutiveFailures, now, settings, cancellationToken).ConfigureAwait(false);
            return Worst(raced, Evaluate(after, now, settings));
        }

        return null;
    }

    private async Task<AttemptCounter> CountFailureAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_reserved.Remove(key, out var reserved))
        {
            return reserved;
        }

        return await counters.IncrementAsync(key, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every failure at or beyond the lockout threshold starts a new lockout (or the permanent one).</summary>
    private async Task LogLockoutAsync(
        string userId, string? deviceId, int failures, DateTimeOffset now, ThrottlingOptions settings, CancellationToken cancellationToken)
    {
        if (failures < settings.LockoutThreshold)
        {
            return;
        }

        Log.LockedOut(logger, userId, failures);
        var until = failures >= settings.MaxConsecutiveFailures
            ? "until an admin resets the devices"
            : "until " + AddCapped(now, settings.LockoutDuration).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        await securityLog.WriteAsync(
            userId, SecurityEventTypes.LockedOut, SecurityEventOutcome.Failure, deviceId,
            detail: string.Create(CultureInfo.InvariantCulture, $"{failures} consecutive failures; locked {until}"),
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static TwoFactorError? Evaluate(AttemptCounter counter, DateTimeOffset now, ThrottlingOptions settings)
    {
        var failures = counter.ConsecutiveFailures;
        if (failures <= settings.FreeFailures || counter.LastFailureAt is not { } last)
        {
            return null;
        }

        if (failures >= settings.MaxConsecutiveFailures)
        {
            return TwoFactorErrors.LockedOutPermanently;
        }

        if (failures >= settings.LockoutThreshold)
        {
            var lockedUntil = AddCapped(last, settings.LockoutDuration);
            return lockedUntil > now ? TwoFactorErrors.LockedOut(lockedUntil) : null;
        }

        var retryAt = AddCapped(last, Delay(failures - settings.FreeFailures, settings));
        return retryAt > now ? TwoFactorErrors.Throttled(retryAt) : null;
    }

    /// <summary>The error that lasts longer: a permanent lock beats any other, then the later retry time.</summary>
    private static TwoFactorError? Worst(TwoFactorError? a, TwoFactorError? b)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        if (a.RetryAt is null || b.RetryAt is null)
        {
            return a.RetryAt is null ? a : b;
        }

        return b.RetryAt > a.RetryAt ? b : a;
    }

    /// <summary>BaseDelay × 2^(n−1), capped at MaxDelay, without overflow.</summary>
    private static TimeSpan Delay(int failuresBeyondFree, ThrottlingOptions settings)
    {
        var doublings = Math.Min(failuresBeyondFree - 1, 62);
        var ticks = settings.BaseDelay.Ticks;
        for (var i = 0; i < doublings && ticks < settings.MaxDelay.Ticks; i++)
        {
            ticks = ticks > settings.MaxDelay.Ticks / 2 ? settings.MaxDelay.Ticks : ticks * 2;
        }

        return TimeSpan.FromTicks(Math.Min(ticks, settings.MaxDelay.Ticks));
    }

    /// <summary><paramref name="time"/> + <paramref name="span"/>, or the latest representable time instead of overflowing.</summary>
    private static DateTimeOffset AddCapped(DateTimeOffset time, TimeSpan span) =>
        span > DateTimeOffset.MaxValue - time ? DateTimeOffset.MaxValue : time + span;

    private static string UserKey(string userId) => "user:" + userId;

    private static string DeviceKey(string deviceId) => "device:" + deviceId;
}
