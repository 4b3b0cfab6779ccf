using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Cpoms.TwoFactor.WebAuthn.Cbor;
using Cpoms.TwoFactor.WebAuthn.Cose;
using Cpoms.TwoFactor.WebAuthn.Tests.Cbor;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Cose;

/// <summary>The credential keys and signatures of the public WebAuthn vectors.</summary>
public sealed class CoseKeyVectorTests
{
    public static TheoryData<string> VectorKeys()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in CborTestVectors.Vectors)
        {
            data.Add(name);
        }

        return data;
    }

    public static TheoryData<string> AssertionVectors()
    {
        var data = new TheoryData<string>();
        foreach (var name in CborTestVectors.Names("auth-"))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorKeys))]
    public void Decode_VectorKey_IsCtap2Canonical(string name)
    {
        // The reason CoseKey.Decode may require the canonical form: every real key in the vectors has it.
        var value = CborDecoder.Decode(VectorKey(CborTestVectors.Get(name)), CborConformance.Ctap2Canonical);

        Assert.IsType<CborMap>(value);
    }

    [Theory]
    [MemberData(nameof(VectorKeys))]
    public void Decode_VectorKey_HasExpectedAlgorithmAndKeyType(string name)
    {
        var root = CborTestVectors.Get(name);
        var expectedType = Alg(root) switch
        {
            -7 or -35 or -36 => CoseKeyType.EC2,
            -8 => CoseKeyType.OKP,
            _ => CoseKeyType.RSA,
        };

        using var key = CoseKey.Decode(VectorKey(root));

        Assert.Equal(Alg(root), (int)key.Algorithm);
        Assert.Equal(expectedType, key.KeyType);
    }

    [Theory]
    [MemberData(nameof(AssertionVectors))]
    public void VerifySignature_AssertionVector_MatchesExpectedOutcome(string name)
    {
        var root = CborTestVectors.Get(name);
        var response = root.GetProperty("response").GetProperty("response");
        var authenticatorData = CborTestVectors.FromBase64Url(response.GetProperty("authenticatorData").GetString()!);
        var clientDataJson = CborTestVectors.FromBase64Url(response.GetProperty("clientDataJSON").GetString()!);
        var signature = CborTestVectors.FromBase64Url(response.GetProperty("signature").GetString()!);
        var expected = root.GetProperty("expected").GetProperty("error").ValueKind == JsonValueKind.Null
            || root.GetProperty("expected").GetProperty("error").GetString() != "signature-invalid";
        using var key = CoseKey.Decode(VectorKey(root));

        // WebAuthn §7.2 step 20: the signature covers authenticatorData || SHA-256(clientDataJSON).
        var signed = authenticatorData.Concat(SHA256.HashData(clientDataJson)).ToArray();

        Assert.Equal(expected, key.VerifySignature(signed, signature));
    }

    [Theory]
    [InlineData("reg-packed-ps256-self")]
    [InlineData("reg-packed-self-es256-chrome-touchid")]
    public void VerifySignature_SelfAttestationSignature_IsValid(string name)
    {
        // WebAuthn §8.2 self attestation: attStmt.sig over authData || SHA-256(clientDataJSON) by the credential key.
        var root = CborTestVectors.Get(name);
        var (signed, signature) = SelfAttestation(root);
        using var key = CoseKey.Decode(VectorKey(root));

        Assert.True(key.VerifySignature(signed, signature));
    }

    [Fact]
    public void VerifySignature_SelfAttestationWithChangedData_IsInvalid()
    {
        var root = CborTestVectors.Get("reg-packed-ps256-self");
        var (signed, signature) = SelfAttestation(root);
        signed[0] ^= 1;
        using var key = CoseKey.Decode(VectorKey(root));

        Assert.False(key.VerifySignature(signed, signature));
    }

    [Fact]
    public void MatchesPublicKey_SpkiOfSameCredential_IsTrue()
    {
        var root = CborTestVectors.Get("reg-packed-es256-chromium-virtual-l3json");
        var spki = CborTestVectors.FromBase64Url(root.GetProperty("response").GetProperty("response").GetProperty("publicKey").GetString()!);
        using var key = CoseKey.Decode(VectorKey(root));

        Assert.True(key.MatchesPublicKey(PublicKey.CreateFromSubjectPublicKeyInfo(spki, out _)));
    }

    [Fact]
    public void MatchesPublicKey_AppleAttestationCertificate_IsTrue()
    {
        // WebAuthn §8.8 step 5: the apple leaf certificate's key is the credential key.
        var root = CborTestVectors.Get("reg-apple-es256-passkey-port-origin");
        using var certificate = LeafCertificate(root);
        using var key = CoseKey.Decode(VectorKey(root));

        Assert.True(key.MatchesPublicKey(certificate.PublicKey));
    }

    [Fact]
    public void MatchesPublicKey_CertificateKeyOnUnknownCurve_IsFalse()
    {
        // A hostile certificate may name any curve OID; the platform throws PlatformNotSupportedException for it.
        var root = CborTestVectors.Get("reg-apple-es256-passkey-port-origin");
        using var key = CoseKey.Decode(VectorKey(root));
        var unknownCurve = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        unknownCurve.WriteObjectIdentifier("1.3.6.1.4.1.99999.1");
        var point = new byte[65];
        point[0] = 0x04;
        var certificateKey = new PublicKey(
            new Oid("1.2.840.10045.2.1"), new AsnEncodedData(unknownCurve.Encode()), new AsnEncodedData(point));

        Assert.False(key.MatchesPublicKey(certificateKey));
    }

    [Fact]
    public void MatchesPublicKey_FidoU2fAttestationCertificate_IsFalse()
    {
        var root = CborTestVectors.Get("reg-fido-u2f-es256-yubikey");
        using var certificate = LeafCertificate(root);
        using var key = CoseKey.Decode(VectorKey(root));

        Assert.False(key.MatchesPublicKey(certificate.PublicKey));
    }

    [Fact]
    public void MatchesPublicKey_RsaKeyAgainstEcCertificate_IsFalse()
    {
        var root = CborTestVectors.Get("reg-apple-es256-passkey-port-origin");
        using var certificate = LeafCertificate(root);
        using var key = CoseKey.Decode(VectorKey(CborTestVectors.Get("reg-none-rs256-platform")));

        Assert.False(key.MatchesPublicKey(certificate.PublicKey));
    }

    [Fact]
    public void MatchesPublicKey_Ed25519SpkiOfSameKey_IsTrue()
    {
        using var key = CoseKey.Decode(VectorKey(CborTestVectors.Get("reg-spec-packed-eddsa-full")));

        // RFC 8410 §4: SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (0 unused bits) x }.
        byte[] spki = [.. Convert.FromHexString("302a300506032b6570032100"), .. key.OkpPublicKey.Span];

        Assert.True(key.MatchesPublicKey(PublicKey.CreateFromSubjectPublicKeyInfo(spki, out _)));
    }

    [Fact]
    public void MatchesPublicKey_Ed25519KeyAgainstEcAttestationCertificate_IsFalse()
    {
        var root = CborTestVectors.Get("reg-packed-eddsa-yubikey5ci-full");
        using var certificate = LeafCertificate(root);
        using var key = CoseKey.Decode(VectorKey(root));

        Assert.False(key.MatchesPublicKey(certificate.PublicKey));
    }

    internal static byte[] VectorKey(JsonElement root) => CborTestVectors.FromBase64Url(
        root.TryGetProperty("credential", out var credential)
            ? credential.GetProperty("publicKey").GetString()!
            : root.GetProperty("expected").GetProperty("credentialPublicKey").GetString()!);

    private static int Alg(JsonElement root) => root.GetProperty("expected").GetProperty("alg").GetInt32();

    private static CborMap AttestationObject(JsonElement root) => (CborMap)CborDecoder.Decode(
        CborTestVectors.FromBase64Url(root.GetProperty("response").GetProperty("response").GetProperty("attestationObject").GetString()!));

    private static (byte[] Signed, byte[] Signature) SelfAttestation(JsonElement root)
    {
        var attestation = AttestationObject(root);
        var authData = ((CborByteString)attestation["authData"]!).Value.ToArray();
        var signature = ((CborByteString)((CborMap)attestation["attStmt"]!)["sig"]!).Value.ToArray();
        var clientDataJson = CborTestVectors.FromBase64Url(root.GetProperty("response").GetProperty("response").GetProperty("clientDataJSON").GetString()!);
        return ([.. authData, .. SHA256.HashData(clientDataJson)], signature);
    }

    private static X509Certificate2 LeafCertificate(JsonElement root)
    {
        var x5c = (CborArray)((CborMap)AttestationObject(root)["attStmt"]!)["x5c"]!;
        return X509CertificateLoader.LoadCertificate(((CborByteString)x5c.Items[0]).Value.Span);
    }
}
