using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Testing;
using Cpoms.TwoFactor.WebAuthn.Attestation;
using Cpoms.TwoFactor.WebAuthn.Cbor;
using Cpoms.TwoFactor.WebAuthn.Cose;
using Cpoms.TwoFactor.WebAuthn.Tests.Cbor;
using Cpoms.TwoFactor.WebAuthn.Tests.Cose;
using Cpoms.TwoFactor.WebAuthn.Tests.Ed25519;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

/// <summary>
/// A registration made up by a test: a fresh credential key, authenticator data with attested credential data
/// (WebAuthn §6.1, §6.5.1) and a client data hash, ready for an attestation statement built around them.
/// </summary>
internal sealed class SyntheticRegistration : IDisposable
{
    public static readonly byte[] DefaultAaguid = Convert.FromHexString("C0FFEE00112233445566778899AABBCC");

    public static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private SyntheticRegistration(AsymmetricAlgorithm? key, byte[] coseKey, byte[] aaguid, byte[]? ed25519Seed = null)
    {
        Key = key;
        Ed25519Seed = ed25519Seed;
        Aaguid = aaguid;
        CredentialId = RandomNumberGenerator.GetBytes(16);
        RpIdHash = SHA256.HashData(Encoding.UTF8.GetBytes("example.org"));
        ClientDataHash = SHA256.HashData(Encoding.UTF8.GetBytes("""{"type":"webauthn.create","challenge":"AAAA","origin":"https://example.org"}"""));

        // WebAuthn §6.1: rpIdHash (32) | flags (UP | AT) | signCount (4) | aaguid (16) | L (2) | credentialId | key.
        var authData = new List<byte>(RpIdHash) { 0x41, 0, 0, 0, 0 };
        authData.AddRange(aaguid);
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)CredentialId.Length);
        authData.AddRange(length);
        authData.AddRange(CredentialId);
        authData.AddRange(coseKey);
        AuthData = [.. authData];
        AuthenticatorData = AuthenticatorData.Parse(AuthData);
        CredentialKey = CoseKey.Decode(coseKey);
    }

    /// <summary>The ECDSA or RSA credential key; <see langword="null"/> for Ed25519.</summary>
    public AsymmetricAlgorithm? Key { get; }

    /// <summary>The Ed25519 credential key's seed (RFC 8032 §5.1.5); <see langword="null"/> otherwise.</summary>
    public byte[]? Ed25519Seed { get; }

    public ECDsa EcKey => (ECDsa)Key!;

    public RSA RsaKey => (RSA)Key!;

    public byte[] Aaguid { get; }

    public byte[] CredentialId { get; }

    public byte[] RpIdHash { get; }

    public byte[] ClientDataHash { get; }

    public byte[] AuthData { get; }

    public AuthenticatorData AuthenticatorData { get; }

    public CoseKey CredentialKey { get; }

    /// <summary>authenticatorData || clientDataHash.</summary>
    public byte[] SignedData => [.. AuthData, .. ClientDataHash];

    public static SyntheticRegistration CreateEc(ECCurve? curve = null, byte[]? aaguid = null)
    {
        var chosen = curve ?? ECCurve.NamedCurves.nistP256;
        var key = ECDsa.Create(chosen);
        var (alg, crv) = key.KeySize switch
        {
            256 => (-7, 1),
            384 => (-35, 2),
            _ => (-36, 3),
        };
        return new SyntheticRegistration(key, CoseTestKeys.Encode(CoseTestKeys.Ec2(key, alg, crv)), aaguid ?? DefaultAaguid);
    }

    public static SyntheticRegistration CreateRsa(byte[]? aaguid = null)
    {
        var key = RSA.Create(2048);
        return new SyntheticRegistration(key, CoseTestKeys.Encode(CoseTestKeys.Rsa(key, -257)), aaguid ?? DefaultAaguid);
    }

    /// <summary>An Ed25519 credential (COSE OKP, alg -8, crv 6), signed with the test project's reference signer.</summary>
    public static SyntheticRegistration CreateEd25519(byte[]? aaguid = null)
    {
        var seed = RandomNumberGenerator.GetBytes(32);
        var coseKey = CoseTestKeys.Encode((1, CoseTestKeys.Int(1)), (3, CoseTestKeys.Int(-8)), (-1, CoseTestKeys.Int(6)), (-2, CoseTestKeys.Bytes(Ed25519Reference.PublicKey(seed))));
        return new SyntheticRegistration(null, coseKey, aaguid ?? DefaultAaguid, seed);
    }

    /// <summary>Signs with the credential key: ECDSA as DER and RSA as PKCS#1 v1.5 (both SHA-256), or Ed25519.</summary>
    public byte[] SignWithCredentialKey(byte[] data) => Key switch
    {
        null => Ed25519Reference.Sign(Ed25519Seed!, data),
        ECDsa ecdsa => ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
        RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => throw new InvalidOperationException(),
    };

    public TwoFactorResult<AttestationVerificationResult> Verify(string format, CborNode statement, AttestationTrustOptions? options = null, DateTimeOffset? time = null)
    {
        var verifier = new AttestationVerifier(options ?? new AttestationTrustOptions(), new ManualTimeProvider(Now));
        return verifier.Verify(format, Statement(statement), AuthenticatorData, ClientDataHash, CredentialKey, time);
    }

    public static CborMap Statement(CborNode statement) => (CborMap)CborDecoder.Decode(TestCborEncoder.Encode(statement));

    public void Dispose()
    {
        CredentialKey.Dispose();
        Key?.Dispose();
    }
}

/// <summary>Shorthand for attestation statements as CBOR test nodes.</summary>
internal static class Stmt
{
    public static CborNode Map(params (string Key, CborNode Value)[] entries) =>
        new CborNode.Map([.. entries.Select(e => ((CborNode)new CborNode.Text(e.Key), e.Value))]);

    public static CborNode Int(long value) => new CborNode.Int(value);

    public static CborNode Bytes(byte[] value) => new CborNode.Bytes(value);

    public static CborNode Text(string value) => new CborNode.Text(value);

    public static CborNode X5c(params byte[][] certificates) => new CborNode.Array([.. certificates.Select(Bytes)]);
}
