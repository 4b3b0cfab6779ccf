using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Cpoms.TwoFactor.Testing;
using Cpoms.TwoFactor.WebAuthn.Cryptography;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ed25519;

/// <summary>
/// A real EdDSA (COSE alg -8) assertion from the WebAuthn vectors: the signature covers
/// authenticatorData || SHA-256(clientDataJSON) (WebAuthn §7.2 steps 19–20).
/// </summary>
public sealed class Ed25519WebAuthnVectorTests
{
    private static readonly string VectorPath = Path.Combine(
        RepositoryPaths.Root, "tests", "Cpoms.TwoFactor.WebAuthn.Tests", "Vectors", "auth-eddsa-counter-gap.json");

    [Fact]
    public void Verify_AcceptsEdDsaAssertion()
    {
        var (publicKey, signedData, signature) = LoadAssertion();

        Assert.True(Ed25519PublicKey.TryImport(publicKey, out var key));
        Assert.True(key.Verify(signedData, signature));
    }

    [Fact]
    public void Verify_RejectsEdDsaAssertionWithAlteredCounter()
    {
        var (publicKey, signedData, signature) = LoadAssertion();
        signedData[36] ^= 0x01; // last byte of the big-endian signCount (authenticatorData bytes 33..36)

        Assert.False(Cryptography.Ed25519.Verify(publicKey, signedData, signature));
    }

    private static (byte[] PublicKey, byte[] SignedData, byte[] Signature) LoadAssertion()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorPath));
        var root = document.RootElement;
        var response = root.GetProperty("response").GetProperty("response");
        var authenticatorData = Base64Url.DecodeFromChars(response.GetProperty("authenticatorData").GetString());
        var clientDataJson = Base64Url.DecodeFromChars(response.GetProperty("clientDataJSON").GetString());
        var signature = Base64Url.DecodeFromChars(response.GetProperty("signature").GetString());
        var coseKey = Base64Url.DecodeFromChars(root.GetProperty("credential").GetProperty("publicKey").GetString());

        // COSE_Key (RFC 9053 §7.2, OKP): {1: 1 (OKP), 3: -8 (EdDSA), -1: 6 (Ed25519), -2: x}. The x coordinate
        // follows the label -2 (CBOR 0x21) as a 32-byte byte string (0x58 0x20).
        Assert.Equal(0xA4, coseKey[0]);
        ReadOnlySpan<byte> xLabel = [0x21, 0x58, 0x20];
        var at = coseKey.AsSpan().IndexOf(xLabel);
        Assert.True(at > 0);
        var publicKey = coseKey.AsSpan(at + xLabel.Length, 32).ToArray();

        byte[] signedData = [.. authenticatorData, .. SHA256.HashData(clientDataJson)];
        return (publicKey, signedData, signature);
    }
}
