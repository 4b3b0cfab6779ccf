using System.Globalization;

using Cpoms.TwoFactor.Core.Devices;

namespace Cpoms.TwoFactor.Core.Results;

/// <summary>The catalogue of Core's error codes (prefix <c>core.</c>). Codes are stable; messages are for users.</summary>
public static class TwoFactorErrors
{
    /// <summary><c>core.device_not_found</c>: no such device for this user.</summary>
    public static TwoFactorError DeviceNotFound { get; } =
        new("core.device_not_found", "That device could not be found. It may have been removed already.");

    /// <summary><c>core.device_name_required</c>: the device name is empty.</summary>
    public static TwoFactorError DeviceNameRequired { get; } =
        new("core.device_name_required", "Choose a name for the device.");

    /// <summary><c>core.device_name_too_long</c>: the device name is longer than the limit.</summary>
    public static TwoFactorError DeviceNameTooLong { get; } =
        new("core.device_name_too_long", $"Choose a device name of at most {DeviceNames.MaxLength} characters.");

    /// <summary><c>core.device_duplicate</c>: the device (or its credential) is already registered.</summary>
    public static TwoFactorError DuplicateDevice { get; } =
        new("core.device_duplicate", "This device is already registered.");

    /// <summary><c>core.challenge_expired</c>: the one-time request is unknown, used or expired.</summary>
    public static TwoFactorError ChallengeExpired { get; } =
        new("core.challenge_expired", "This request has expired or was already used. Please start again.");

    /// <summary><c>core.enrollment_not_allowed</c>: adding a device needs an elevated session.</summary>
    public static TwoFactorError EnrollmentNotAllowed { get; } =
        new("core.enrollment_not_allowed", "Elevate your access with an existing device before adding another one.");

    /// <summary><c>core.throttled</c>: too many recent failures; wait until <see cref="TwoFactorError.RetryAt"/>.</summary>
    public static TwoFactorError Throttled(DateTimeOffset retryAt) =>
        new("core.throttled", $"Too many failed attempts. Please wait until {FormatTime(retryAt)} (UTC) and try again.")
        {
            RetryAt = retryAt,
        };

    /// <summary><c>core.locked_out</c>: the account's second factor is locked until <see cref="TwoFactorError.RetryAt"/>.</summary>
    public static TwoFactorError LockedOut(DateTimeOffset retryAt) =>
        new("core.locked_out", $"Two-factor sign-in is locked after too many failed attempts. Try again after {FormatTime(retryAt)} (UTC).")
        {
            RetryAt = retryAt,
        };

    /// <summary><c>core.locked_out_permanently</c>: the failure cap was reached; an admin must reset the devices.</summary>
    public static TwoFactorError LockedOutPermanently { get; } =
        new("core.locked_out_permanently", "Two-factor sign-in is locked after too many failed attempts. Ask an admin key holder to reset your devices.");

    /// <summary>
    /// <c>core.store_unavailable</c>: the store (database) could not be reached or failed; nothing was changed that is not
    /// safe to have changed. Retryable: try again after <see cref="TwoFactorError.RetryAt"/> when set. Never a wrong code.
    /// </summary>
    public static TwoFactorError StoreUnavailable { get; } =
        new("core.store_unavailable", "The service is temporarily unavailable. Please try again in a moment.");

    /// <summary>
    /// <c>core.secret_unavailable</c>: a stored secret could not be decrypted (the Data Protection key ring is missing or
    /// not this application's, or the secret was moved from another user's or device's row). Fails closed: the code is not
    /// checked and the attempt does not count as a failure. An operator must restore the key ring.
    /// </summary>
    public static TwoFactorError SecretUnavailable { get; } =
        new("core.secret_unavailable", "Your authenticator app cannot be checked right now. Please try again later or use another device.");

    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("d MMMM yyyy HH:mm:ss", CultureInfo.InvariantCulture);
}
