using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ceremonies;

/// <summary>Authenticator data flags (WebAuthn §6.1), written out here independently of the code under test.</summary>
[Flags]
internal enum TestFlags : byte
{
    None = 0,
    UP = 0x01,
    UV = 0x04,
    BE = 0x08,
    BS = 0x10,
    AT = 0x40,
    ED = 0x80,
}

/// <summary>
/// A software authenticator for tests: one ES256 (P-256) credential. It builds authenticator data, attestation
/// objects ("none" and "packed" self attestation) and assertion signatures the way WebAuthn §6 describes, so each
/// test can make a fresh valid response and then change exactly one thing.
/// </summary>
internal sealed class TestAuthenticator : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestAuthenticator(byte[]? credentialId = null)
    {
        CredentialId = credentialId ?? RandomNumberGenerator.GetBytes(32);
    }

    public byte[] CredentialId { get; }

    public Guid Aaguid { get; init; } = new("6d44ba9b-f6ec-2e49-b930-0c8fe920cb73");

    public uint SignCount { get; set; }

    /// <summary>The credential public key as a CTAP2 canonical COSE_Key (RFC 9053 §7.1.1, EC2, ES256).</summary>
    public byte[] CosePublicKey(int alg = -7)
    {
        var p = _key.ExportParameters(false);
        return new TinyCborWriter().Map(5)
            .Int(1).Int(2)
            .Int(3).Int(alg)
            .Int(-1).Int(1)
            .Int(-2).Bytes(p.Q.X)
            .Int(-3).Bytes(p.Q.Y)
            .ToArray();
    }

    public static byte[] ClientDataJson(string type, ReadOnlySpan<byte> challenge, string origin, string? extra = null) =>
        Encoding.UTF8.GetBytes(
            $"{{\"type\":\"{type}\",\"challenge\":\"{Convert.ToBase64String(challenge).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\",\"origin\":\"{origin}\",\"crossOrigin\":false{extra}}}");

    /// <summary>Authenticator data (WebAuthn §6.1): rpIdHash, flags, signCount, then optional attested credential data.</summary>
    public byte[] AuthenticatorData(string rpId, TestFlags flags, uint signCount, byte[]? attestedCredentialData = null, byte[]? extensions = null)
    {
        var data = new List<byte>();
        data.AddRange(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)));
        data.Add((byte)flags);
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, signCount);
        data.AddRange(counter);
        if (attestedCredentialData is not null)
        {
            data.AddRange(attestedCredentialData);
        }

        if (extensions is not null)
        {
            data.AddRange(extensions);
        }

        return [.. data];
    }

    /// <summary>Attested credential data (WebAuthn §6.5.2): AAGUID, L, credentialId, credentialPublicKey.</summary>
    public byte[] AttestedCredentialData(byte[]? credentialId = null, byte[]? publicKey = null)
    {
        credentialId ??= CredentialId;
        var data = new List<byte>();
        data.AddRange(Aaguid.ToByteArray(bigEndian: true));
        data.Add((byte)(credentialId.Length >> 8));
        data.Add((byte)credentialId.Length);
        data.AddRange(credentialId);
        data.AddRange(publicKey ?? CosePublicKey());
        return [.. data];
    }

    /// <summary>An attestation object (WebAuthn §6.5.4) with format "none" and an empty statement.</summary>
    public static byte[] NoneAttestationObject(byte[] authData) =>
        new TinyCborWriter().Map(3).Text("fmt").Text("none").Text("attStmt").Map(0).Text("authData").Bytes(authData).ToArray();

    /// <summary>An attestation object with format "packed", self attestation (WebAuthn §8.2): alg and sig only.</summary>
    public byte[] PackedSelfAttestationObject(byte[] authData, byte[] clientDataJson)
    {
        var signature = Sign([.. authData, .. SHA256.HashData(clientDataJson)]);
        return new TinyCborWriter().Map(3)
            .Text("fmt").Text("packed")
            .Text("attStmt").Map(2).Text("alg").Int(-7).Text("sig").Bytes(signature)
            .Text("authData").Bytes(authData)
            .ToArray();
    }

    /// <summary>An ECDSA P-256 / SHA-256 signature in ASN.1 DER form (WebAuthn §6.5.5).</summary>
    public byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>An assertion signature over authData || SHA-256(clientDataJSON) (WebAuthn §6.3.3 step 11).</summary>
    public byte[] SignAssertion(byte[] authData, byte[] clientDataJson) => Sign([.. authData, .. SHA256.HashData(clientDataJson)]);

    public void Dispose() => _key.Dispose();
}
