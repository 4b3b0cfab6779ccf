using Cpoms.TwoFactor.Core.Devices;

namespace Cpoms.TwoFactor.Elevation;

/// <summary>
/// Authentication method reference values from the IANA registry created by RFC 8176 §6.1, as used in
/// <see cref="CpomsTwoFactorClaimTypes.AuthenticationMethod"/> claims.
/// </summary>
public static class AmrValues
{
    /// <summary><c>pwd</c>: password-based authentication (RFC 8176 §2). The host adds it at password sign-in.</summary>
    public const string Password = "pwd";

    /// <summary><c>otp</c>: a one-time password (RFC 8176 §2), such as an authenticator-app code.</summary>
    public const string OneTimePassword = "otp";

    /// <summary><c>hwk</c>: proof of possession of a hardware-secured key (RFC 8176 §2), such as a USB security key.</summary>
    public const string HardwareKey = "hwk";

    /// <summary><c>swk</c>: proof of possession of a software-secured key (RFC 8176 §2), such as an app's device key.</summary>
    public const string SoftwareKey = "swk";

    /// <summary><c>mfa</c>: multiple-factor authentication (RFC 8176 §2). Added on every elevation.</summary>
    public const string MultipleFactors = "mfa";

    /// <summary><c>user</c>: user presence test (RFC 8176 §2), such as touching a security key.</summary>
    public const string UserPresence = "user";

    /// <summary><c>pin</c>: a personal identification number or pattern (RFC 8176 §2), such as a security-key PIN.</summary>
    public const string Pin = "pin";

    /// <summary>
    /// The value that describes passing <paramref name="kind"/>: <see cref="OneTimePassword"/> for an
    /// authenticator app, <see cref="HardwareKey"/> for a security key, and <see langword="null"/> for a kind
    /// the SDK does not know (the session then carries only <see cref="MultipleFactors"/>).
    /// </summary>
    public static string? ForDeviceKind(DeviceKind kind)
    {
        if (kind == DeviceKind.AuthenticatorApp)
        {
            return OneTimePassword;
        }

        return kind == DeviceKind.SecurityKey ? HardwareKey : null;
    }
}
