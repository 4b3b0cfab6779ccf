using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Totp.Otp;

namespace Cpoms.TwoFactor.Totp;

/// <summary>
/// Generates RFC 4226 (HOTP) and RFC 6238 (TOTP) codes, for example for a demo or reference authenticator.
/// Sign-in must use <see cref="AuthenticatorAppVerifier"/>, which adds the window, replay guard and throttling.
/// Neither method allocates.
/// </summary>
public static class OneTimePassword
{
    /// <summary>
    /// Writes the HOTP code of <paramref name="counter"/> (RFC 4226 §5.3) as exactly <paramref name="digits"/>
    /// ASCII digits, with leading zeros, into <paramref name="destination"/>.
    /// </summary>
    /// <param name="secret">The shared secret (RFC 4226 requires at least 128 bits; not checked here).</param>
    /// <param name="counter">The moving factor.</param>
    /// <param name="algorithm">The HMAC hash function (RFC 6238 §1.2).</param>
    /// <param name="digits">The code length, 6 to 8.</param>
    /// <param name="destination">Receives the code; at least <paramref name="digits"/> long.</param>
    /// <returns>The number of characters written, <paramref name="digits"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="digits"/> or <paramref name="algorithm"/> is not supported.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int WriteHotp(ReadOnlySpan<byte> secret, long counter, OtpAlgorithm algorithm, int digits, Span<char> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 8);
        if (destination.Length < digits)
        {
            throw new ArgumentException($"The destination must hold at least {digits} characters.", nameof(destination));
        }

        var value = Hotp.Compute(algorithm, secret, counter, digits);
        for (var i = digits - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }

        return digits;
    }

    /// <summary>
    /// Writes the TOTP code for <paramref name="time"/> (RFC 6238 §4.2: counter = floor(Unix time / period),
    /// T0 = 0) as exactly <paramref name="digits"/> ASCII digits into <paramref name="destination"/>.
    /// </summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="time">The time of the code; take it from a <see cref="TimeProvider"/>.</param>
    /// <param name="period">The time-step length, whole seconds of at least one.</param>
    /// <param name="algorithm">The HMAC hash function.</param>
    /// <param name="digits">The code length, 6 to 8.</param>
    /// <param name="destination">Receives the code; at least <paramref name="digits"/> long.</param>
    /// <returns>The number of characters written, <paramref name="digits"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int WriteTotp(
        ReadOnlySpan<byte> secret, DateTimeOffset time, TimeSpan period, OtpAlgorithm algorithm, int digits, Span<char> destination)
    {
        if (period < TimeSpan.FromSeconds(1) || period.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be a whole number of seconds, at least one.");
        }

        var step = TimeSteps.At(time, checked((int)(period.Ticks / TimeSpan.TicksPerSecond)));
        return WriteHotp(secret, step, algorithm, digits, destination);
    }
}
