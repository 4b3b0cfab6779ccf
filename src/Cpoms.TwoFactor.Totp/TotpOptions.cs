using Cpoms.TwoFactor.Core.Devices;

namespace Cpoms.TwoFactor.Totp;

/// <summary>
/// Settings for authenticator-app ("soft key") devices. Validated at start-up; a bad value stops the host with
/// a message that says how to fix it. Algorithm, digits and period apply to new enrollments only: each
/// device keeps the values it was enrolled with.
/// </summary>
public sealed class TotpOptions
{
    /// <summary>
    /// The service name the authenticator app shows next to the account. Defaults to
    /// <see cref="Core.TwoFactorOptions.ApplicationName"/>. 1 to 64 characters.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// The HMAC algorithm of new devices. Default <see cref="OtpAlgorithm.Sha1"/>: several common apps ignore
    /// the algorithm parameter and always use SHA-1, so change it only when every app your users have supports it.
    /// </summary>
    public OtpAlgorithm Algorithm { get; set; } = OtpAlgorithm.Sha1;

    /// <summary>The code length of new devices, 6 to 8. Default 6 (what the user guides and most apps expect).</summary>
    public int Digits { get; set; } = 6;

    /// <summary>
    /// The time-step length of new devices (RFC 6238 X), whole seconds from 1 second to 10 minutes. Default 30 s,
    /// the only value every app supports.
    /// </summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many time steps either side of "now" (plus the device's learned drift) a code is accepted for,
    /// 0 to 5. Default 1 (RFC 6238 §5.2 recommends at most one step of network delay). Each extra step
    /// widens what a guess can hit: ±1 accepts 3 of the 10^digits possible codes, ±2 accepts 5.
    /// </summary>
    public int WindowSteps { get; set; } = 1;

    /// <summary>
    /// The size of new shared secrets in bytes, from <see cref="System.Security.Cryptography.RandomNumberGenerator"/>.
    /// Default 20 (160 bits, RFC 4226 §4 R6's recommendation); 20 to 64.
    /// </summary>
    public int SecretSizeBytes { get; set; } = 20;

    /// <summary>
    /// How far from the server clock a code is still recognised to tell the user their device clock is wrong
    /// (the code is rejected all the same). Also bounds the drift a device may accumulate through RFC 6238 §6
    /// resynchronisation (each accepted code re-centres that device's window). Default 10 minutes; zero turns
    /// detection and learned drift off; at most 30 minutes and 63 time steps.
    /// </summary>
    public TimeSpan DriftDetectionRange { get; set; } = TimeSpan.FromMinutes(10);
}
