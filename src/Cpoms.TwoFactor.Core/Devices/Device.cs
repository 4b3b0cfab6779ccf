namespace Cpoms.TwoFactor.Core.Devices;

/// <summary>
/// One enrolled second factor of one user. Instances are immutable snapshots: stores return a new
/// instance for every read, and change devices only through their atomic operations.
/// </summary>
public sealed record Device
{
    /// <summary>The device's identifier, unique across all users (see <see cref="DeviceIds.Create"/>).</summary>
    public required string Id { get; init; }

    /// <summary>The host application's identifier of the user who owns the device.</summary>
    public required string UserId { get; init; }

    /// <summary>What kind of factor this is; decides which of the kind-specific members is set.</summary>
    public required DeviceKind Kind { get; init; }

    /// <summary>The name the user chose, such as "iPad" or "U2F Key". Never empty.</summary>
    public required string Name { get; init; }

    /// <summary>When the device was enrolled.</summary>
    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>When the device last passed a sign-in; <see langword="null"/> until its first use.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>
    /// When the device was first used to sign in. Until then the device is shown as <em>Unverified</em>:
    /// enrollment proves the user could read one code, first use proves the device works for sign-in.
    /// </summary>
    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>Authenticator-app data; set when <see cref="Kind"/> is <see cref="DeviceKind.AuthenticatorApp"/>.</summary>
    public AuthenticatorAppData? AuthenticatorApp { get; init; }

    /// <summary>Security-key data; set when <see cref="Kind"/> is <see cref="DeviceKind.SecurityKey"/>.</summary>
    public SecurityKeyData? SecurityKey { get; init; }

    /// <summary><see langword="true"/> once the device has been used to sign in.</summary>
    public bool IsVerified => VerifiedAt is not null;
}
