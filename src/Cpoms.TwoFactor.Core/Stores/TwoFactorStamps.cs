using System.Security.Cryptography;

namespace Cpoms.TwoFactor.Core.Stores;

/// <summary>Creates two-factor stamps.</summary>
public static class TwoFactorStamps
{
    /// <summary>A new random stamp: 128 bits as 32 hex characters.</summary>
    public static string Create() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
