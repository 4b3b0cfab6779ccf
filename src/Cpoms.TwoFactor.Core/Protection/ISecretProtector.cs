namespace Cpoms.TwoFactor.Core.Protection;

/// <summary>
/// Encrypts secrets at rest (TOTP shared secrets, pending enrollments). The default uses ASP.NET Core
/// Data Protection with the purpose <c>Cpoms.TwoFactor.Secrets.v1</c>: share the key ring between nodes.
/// </summary>
public interface ISecretProtector
{
    /// <summary>Encrypts and authenticates <paramref name="secret"/>; the result is safe to store.</summary>
    string Protect(ReadOnlySpan<byte> secret);

    /// <summary>
    /// Decrypts a value made by <see cref="Protect"/>. Returns <see langword="null"/> when the value was
    /// tampered with or its key is gone; never throws for bad input.
    /// </summary>
    byte[]? Unprotect(string protectedSecret);
}
