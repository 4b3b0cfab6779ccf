namespace Cpoms.TwoFactor.Core.Devices;

/// <summary>
/// The kind of an enrolled second factor. The built-in kinds are <see cref="AuthenticatorApp"/> and
/// <see cref="SecurityKey"/>; a host may define its own by value (for example a hardware token that an
/// admin reset must never remove, see <see cref="TwoFactorOptions.ProtectedDeviceKinds"/>).
/// </summary>
/// <param name="Value">The stable, case-sensitive name stored with each device.</param>
public readonly record struct DeviceKind(string Value)
{
    /// <summary>An authenticator app ("soft key") producing RFC 6238 one-time codes, optionally with push.</summary>
    public static DeviceKind AuthenticatorApp { get; } = new("AuthenticatorApp");

    /// <summary>A WebAuthn / U2F security key or platform passkey.</summary>
    public static DeviceKind SecurityKey { get; } = new("SecurityKey");

    /// <inheritdoc />
    public override string ToString() => Value;
}
