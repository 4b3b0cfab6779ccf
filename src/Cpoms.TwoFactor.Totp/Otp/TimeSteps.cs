namespace Cpoms.TwoFactor.Totp.Otp;

/// <summary>RFC 6238 §4.2 time steps: T = floor((Unix time − T0) / X), with T0 = 0.</summary>
internal static class TimeSteps
{
    /// <summary>The time step that contains <paramref name="time"/> for a period of <paramref name="periodSeconds"/>.</summary>
    public static long At(DateTimeOffset time, int periodSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodSeconds);

        // RFC 6238 §4.2 counts whole seconds; floor division keeps times before 1970 correct as well.
        return Math.DivRem(time.ToUnixTimeSeconds(), periodSeconds) is var (q, r) && r < 0 ? q - 1 : q;
    }
}
