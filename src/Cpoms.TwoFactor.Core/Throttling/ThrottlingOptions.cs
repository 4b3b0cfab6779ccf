namespace Cpoms.TwoFactor.Core.Throttling;

/// <summary>
/// How consecutive failed second-factor attempts are slowed down and locked out, per user and per device.
/// A success resets the count. With the defaults: 3 free attempts, then waits of 2 s, 4 s, 8 s … up to
/// 5 minutes, a 15-minute lockout from the 10th failure on, and a permanent lock (until an admin resets the
/// user's devices) at 100.
/// </summary>
public sealed class ThrottlingOptions
{
    /// <summary>The hard cap of <see cref="MaxConsecutiveFailures"/>: never more than 100 failures in a row.</summary>
    public const int MaxConsecutiveFailuresLimit = 100;

    /// <summary>Failures allowed before any delay. Default 3.</summary>
    public int FreeFailures { get; set; } = 3;

    /// <summary>The first delay after the free failures; it doubles with each further failure. Default 2 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest growing delay before lockout. Default 5 minutes.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>From this many consecutive failures on, each failure locks for <see cref="LockoutDuration"/>. Default 10.</summary>
    public int LockoutThreshold { get; set; } = 10;

    /// <summary>How long a lockout lasts. Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// At this many consecutive failures the factor is locked until the counter is reset (by a success is
    /// impossible, so by an admin reset). Default and maximum 100.
    /// </summary>
    public int MaxConsecutiveFailures { get; set; } = MaxConsecutiveFailuresLimit;
}
