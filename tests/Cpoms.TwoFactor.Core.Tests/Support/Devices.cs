using Cpoms.TwoFactor.Core.Devices;

namespace Cpoms.TwoFactor.Core.Tests.Support;

internal static class TestDevices
{
    public static Device App(string userId, string name = "iPad", DateTimeOffset? at = null) => new()
    {
        Id = DeviceIds.Create(),
        UserId = userId,
        Kind = DeviceKind.AuthenticatorApp,
        Name = name,
        RegisteredAt = at ?? new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero),
        AuthenticatorApp = new AuthenticatorAppData { ProtectedSecret = "protected" },
    };

    public static Device Key(string userId, byte[] credentialId, string name = "U2F Key") => new()
    {
        Id = DeviceIds.Create(),
        UserId = userId,
        Kind = DeviceKind.SecurityKey,
        Name = name,
        RegisteredAt = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero),
        SecurityKey = new SecurityKeyData { CredentialId = credentialId, PublicKey = [0xa0], Algorithm = -7, UserHandle = [1, 2, 3] },
    };

    public static Device OfKind(string userId, DeviceKind kind) => new()
    {
        Id = DeviceIds.Create(),
        UserId = userId,
        Kind = kind,
        Name = kind.Value,
        RegisteredAt = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero),
    };
}
