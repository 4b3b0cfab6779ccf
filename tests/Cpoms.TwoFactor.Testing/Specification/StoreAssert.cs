using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Stores;

namespace Cpoms.TwoFactor.Testing.Specification;

/// <summary>
/// Field-by-field comparisons of stored values. Record equality is not enough: byte arrays and lists compare
/// by reference, and a store that reads from a database never returns the instance it was given.
/// </summary>
public static class StoreAssert
{
    /// <summary>Asserts that <paramref name="actual"/> holds exactly the data of <paramref name="expected"/>.</summary>
    public static void Equal(Device expected, Device? actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.UserId, actual.UserId);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.RegisteredAt, actual.RegisteredAt);
        Assert.Equal(expected.LastUsedAt, actual.LastUsedAt);
        Assert.Equal(expected.VerifiedAt, actual.VerifiedAt);
        Assert.Equal(expected.AuthenticatorApp, actual.AuthenticatorApp);
        if (expected.SecurityKey is not { } key)
        {
            Assert.Null(actual.SecurityKey);
            return;
        }

        var actualKey = Assert.IsType<SecurityKeyData>(actual.SecurityKey);
        Assert.Equal(key.CredentialId, actualKey.CredentialId);
        Assert.Equal(key.PublicKey, actualKey.PublicKey);
        Assert.Equal(key.Algorithm, actualKey.Algorithm);
        Assert.Equal(key.UserHandle, actualKey.UserHandle);
        Assert.Equal(key.SignCount, actualKey.SignCount);
        Assert.Equal(key.Aaguid, actualKey.Aaguid);
        Assert.Equal(key.Transports, actualKey.Transports);
        Assert.Equal(key.AttestationFormat, actualKey.AttestationFormat);
        Assert.Equal(key.BackupEligible, actualKey.BackupEligible);
        Assert.Equal(key.BackedUp, actualKey.BackedUp);
        Assert.Equal(key.IsLegacyU2F, actualKey.IsLegacyU2F);
    }

    /// <summary>Asserts that <paramref name="actual"/> holds exactly the data of <paramref name="expected"/>.</summary>
    public static void Equal(OneTimeChallenge expected, OneTimeChallenge? actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.UserId, actual.UserId);
        Assert.Equal(expected.Purpose, actual.Purpose);
        Assert.Equal(expected.Value, actual.Value);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.ExpiresAt, actual.ExpiresAt);
    }

    /// <summary>Asserts that <paramref name="actual"/> holds exactly the data of <paramref name="expected"/>.</summary>
    public static void Equal(SecurityEvent expected, SecurityEvent? actual)
    {
        // SecurityEvent has only value-typed and string members, so record equality is field equality.
        Assert.Equal(expected, actual);
    }

    /// <summary>The ids of <paramref name="devices"/>, in order.</summary>
    public static string[] Ids(IEnumerable<Device> devices) => devices.Select(d => d.Id).ToArray();
}
