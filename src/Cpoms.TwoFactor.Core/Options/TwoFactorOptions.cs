using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Throttling;

namespace Cpoms.TwoFactor.Core;

/// <summary>Settings shared by every Cpoms.TwoFactor feature. Validated at start-up.</summary>
public sealed class TwoFactorOptions
{
    /// <summary>
    /// The product name users see (authenticator-app issuer default, notifications). Defaults to the host's
    /// application name. 1 to 64 characters.
    /// </summary>
    public string ApplicationName { get; set; } = "";

    /// <summary>
    /// Device kinds that an admin reset never removes (for example a host's own hardware tokens).
    /// Empty by default: a reset removes every device.
    /// </summary>
    public ISet<DeviceKind> ProtectedDeviceKinds { get; } = new HashSet<DeviceKind>();

    /// <summary>How long a WebAuthn challenge or a sign-in challenge stays valid. Default 5 minutes (30 s to 1 h).</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a pending enrollment (a QR code on screen) stays valid. Default 10 minutes (1 min to 1 h).</summary>
    public TimeSpan EnrollmentLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Throttling and lockout of failed attempts.</summary>
    public ThrottlingOptions Throttling { get; } = new();
}
