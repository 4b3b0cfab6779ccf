namespace Cpoms.TwoFactor.Core.Throttling;

/// <summary>
/// How consecutive failed second-factor attempts are slowed down and locked out, per user and per device.
/// A success resets the count. With the defaults: 3 free attempts, then waits of 2 s, 4 s, 8 s, 16 s, 32 s
/// and 64 s after the 4th to 9th failures (growing up to <see cref="MaxDelay"/> with other settings), a
/// 15-minute lockout after the 10th and every later failure, and a permanent lock (until an admin resets the
/// user's devices) at 100. Each lockout is written to the security log; errors carry the time to retry.
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
    /// At this many consecutive failures the user (or device) is locked until an admin resets the user's
    /// devices: no further attempt is verified, so no success can clear it. Default and maximum 100; even under
    /// parallel requests no more attempts than this are ever verified in a row.
    /// </summary>
    public int MaxConsecutiveFailures { get; set; } = MaxConsecutiveFailuresLimit;
}
