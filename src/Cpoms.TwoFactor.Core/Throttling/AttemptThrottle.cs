using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Core.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Core.Throttling;

/// <summary>The default <see cref="IAttemptThrottle"/>: the blocked-until time is derived from the counter alone.</summary>
internal sealed class AttemptThrottle(
    IAttemptCounterStore counters,
    ISecurityLog securityLog,
    IOptionsMonitor<TwoFactorOptions> options,
    TimeProvider timeProvider,
    ILogger<AttemptThrottle> logger) : IAttemptThrottle
{
    public async Task<TwoFactorError?> CheckAsync(string userId, string? deviceId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var error = Evaluate(await counters.GetAsync(UserKey(userId), cancellationToken).ConfigureAwait(false), now);
        if (error is null && deviceId is not null)
        {
            error = Evaluate(await counters.GetAsync(DeviceKey(deviceId), cancellationToken).ConfigureAwait(false), now);
        }

        return error;
    }

    public async Task<TwoFactorError?> RecordFailureAsync(string userId, string? deviceId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var settings = options.CurrentValue.Throttling;
        var user = await counters.IncrementAsync(UserKey(userId), now, cancellationToken).ConfigureAwait(false);
        var device = deviceId is null
            ? AttemptCounter.None
            : await counters.IncrementAsync(DeviceKey(deviceId), now, cancellationToken).ConfigureAwait(false);

        var worst = Math.Max(user.ConsecutiveFailures, device.ConsecutiveFailures);
        if (worst == settings.LockoutThreshold || worst == settings.MaxConsecutiveFailures)
        {
            Log.LockedOut(logger, userId, worst);
            await securityLog.WriteAsync(
                userId, SecurityEventTypes.LockedOut, SecurityEventOutcome.Failure, deviceId,
                detail: $"{worst} consecutive failures", cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return Evaluate(user, now) ?? Evaluate(device, now);
    }

    public async Task RecordSuccessAsync(string userId, string? deviceId, CancellationToken cancellationToken = default)
    {
        await counters.ResetAsync(UserKey(userId), cancellationToken).ConfigureAwait(false);
        if (deviceId is not null)
        {
            await counters.ResetAsync(DeviceKey(deviceId), cancellationToken).ConfigureAwait(false);
        }
    }

    public Task ResetAsync(string userId, CancellationToken cancellationToken = default) =>
        counters.ResetAsync(UserKey(userId), cancellationToken);

    private TwoFactorError? Evaluate(AttemptCounter counter, DateTimeOffset now)
    {
        var settings = options.CurrentValue.Throttling;
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
            var lockedUntil = last + settings.LockoutDuration;
            return lockedUntil > now ? TwoFactorErrors.LockedOut(lockedUntil) : null;
        }

        var retryAt = last + Delay(failures - settings.FreeFailures, settings);
        return retryAt > now ? TwoFactorErrors.Throttled(retryAt) : null;
    }

    /// <summary>BaseDelay × 2^(n−1), capped at MaxDelay, without overflow.</summary>
    private static TimeSpan Delay(int failuresBeyondFree, ThrottlingOptions settings)
    {
        var doublings = Math.Min(failuresBeyondFree - 1, 30);
        var ticks = settings.BaseDelay.Ticks;
        for (var i = 0; i < doublings && ticks < settings.MaxDelay.Ticks; i++)
        {
            ticks *= 2;
        }

        return TimeSpan.FromTicks(Math.Min(ticks, settings.MaxDelay.Ticks));
    }

    private static string UserKey(string userId) => "user:" + userId;

    private static string DeviceKey(string deviceId) => "device:" + deviceId;
}
