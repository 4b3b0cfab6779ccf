using System.Globalization;
using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.Totp;

/// <summary>
/// The catalogue of the Totp package's error codes (prefix <c>totp.</c>). Codes are stable and safe to branch
/// on; messages are written for the person at the keyboard and use the user guides' wording.
/// </summary>
public static class TotpErrors
{
    /// <summary>
    /// <c>totp.invalid_code</c>: the code is not the current one of any of the user's authenticator apps
    /// ("Incorrect or out of date code", as the user guides call it).
    /// </summary>
    public static TwoFactorError InvalidCode { get; } =
        new("totp.invalid_code", "Incorrect or out of date code");

    /// <summary>
    /// <c>totp.code_format</c>: the input is not a code of <paramref name="digits"/> digits (wrong length or
    /// characters other than digits and spaces). Not counted as a failed attempt.
    /// </summary>
    /// <param name="digits">The expected code length.</param>
    public static TwoFactorError CodeFormat(int digits) =>
        new("totp.code_format", $"Please enter the {digits.ToString(CultureInfo.InvariantCulture)}-digit code you see on your device");

    /// <summary>
    /// <c>totp.code_replayed</c>: the code was right but has already been used (each code signs in once);
    /// wait for the next code.
    /// </summary>
    public static TwoFactorError CodeReplayed { get; } =
        new("totp.code_replayed", "This code has already been used. Wait for the next code on your device and enter that one.");

    /// <summary><c>totp.no_authenticator_app</c>: the user has no authenticator-app device.</summary>
    public static TwoFactorError NoAuthenticatorApp { get; } =
        new("totp.no_authenticator_app", "You have no authenticator app set up. Add one under Manage Devices, or use another device.");

    /// <summary>
    /// <c>totp.clock_drift</c>: the code was rejected, but it is the one the device would show if its clock
    /// were right: the device clock is about <paramref name="offset"/> fast (positive) or slow (negative).
    /// </summary>
    /// <param name="offset">How far ahead of the server the device clock is; negative when it is behind.</param>
    public static TwoFactorError ClockDrift(TimeSpan offset)
    {
        var seconds = (long)Math.Round(Math.Abs(offset.TotalSeconds));
        var direction = offset >= TimeSpan.Zero ? "fast" : "slow";
        return new("totp.clock_drift",
            $"Incorrect or out of date code. The date and time on your device are about {seconds.ToString(CultureInfo.InvariantCulture)} seconds {direction}: set them to update automatically, then try the new code.");
    }
}
