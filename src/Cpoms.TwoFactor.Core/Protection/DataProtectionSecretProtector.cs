using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Cpoms.TwoFactor.Core.Protection;

/// <summary>An <see cref="ISecretProtector"/> over ASP.NET Core Data Protection.</summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    internal const string Purpose = "Cpoms.TwoFactor.Secrets.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(ReadOnlySpan<byte> secret)
    {
        var plain = secret.ToArray();
        try
        {
            return Convert.ToBase64String(_protector.Protect(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    public byte[]? Unprotect(string protectedSecret)
    {
        if (string.IsNullOrEmpty(protectedSecret))
        {
            return null;
        }

        var buffer = new byte[protectedSecret.Length];
        if (!Convert.TryFromBase64String(protectedSecret, buffer, out var written))
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(buffer.AsSpan(0, written).ToArray());
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
