using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.Elevation;

/// <summary>The catalogue of Elevation's error codes (prefix <c>elevation.</c>). Codes are stable; messages are for users.</summary>
public static class ElevationErrors
{
    /// <summary><c>elevation.not_signed_in</c>: the session has no user id, so there is nothing to elevate.</summary>
    public static TwoFactorError NotSignedIn { get; } =
        new("elevation.not_signed_in", "Please sign in before elevating your access.");

    /// <summary><c>elevation.device_not_owned</c>: the device that passed belongs to another user.</summary>
    public static TwoFactorError DeviceNotOwned { get; } =
        new("elevation.device_not_owned", "That device is not registered to your account.");
}
