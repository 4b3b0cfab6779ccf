namespace Cpoms.TwoFactor.WebAuthn.Cryptography;

/// <summary>
/// Ed25519 signature verification (RFC 8032 §5.1.7, PureEdDSA), the algorithm behind COSE alg -8 (EdDSA) for
/// WebAuthn credentials. The .NET base class library has no Ed25519, so this is an in-house implementation;
/// see <see cref="Ed25519PublicKey"/> for the exact checks.
/// </summary>
internal static class Ed25519
{
    /// <summary>Size in bytes of an encoded public key (RFC 8032 §5.1.5).</summary>
    public const int PublicKeySize = 32;

    /// <summary>Size in bytes of a signature R || S (RFC 8032 §5.1.6).</summary>
    public const int SignatureSize = 64;

    /// <summary>
    /// Imports <paramref name="publicKey"/> and verifies <paramref name="signature"/> over
    /// <paramref name="message"/>. Returns false, never throws, for a malformed or small-order key, a malformed
    /// signature, or a signature that does not verify. Importing the key (a square root, a small-order check and
    /// an 8-point table) costs a further third or so of a verification and allocates about 1 KiB; callers that
    /// verify with one key repeatedly should keep an <see cref="Ed25519PublicKey"/>.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureSize
        && Ed25519PublicKey.TryImport(publicKey, out var key)
        && key.Verify(message, signature);
}
