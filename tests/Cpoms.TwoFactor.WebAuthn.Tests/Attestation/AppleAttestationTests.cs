using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.WebAuthn.Attestation;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

public sealed class AppleAttestationTests
{
    private const string NonceOid = "1.2.840.113635.100.8.2";

    [Fact]
    public void Verify_AcceptsCredentialCertificate()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var root = TestCertificates.CreateRoot();
        using var leaf = TestCertificates.CreateLeaf(registration.EcKey, root, "CN=Apple Test Credential", [NonceExtension(SHA256.HashData(registration.SignedData))]);

        var result = registration.Verify("apple", Stmt.Map(("x5c", Stmt.X5c(leaf.RawData, root.RawData))));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(AttestationType.AnonCA, result.Value.Type);
        Assert.Equal(2, result.Value.TrustPath.Length);
    }

    [Fact]
    public void Verify_RejectsNonceMismatch()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var root = TestCertificates.CreateRoot();
        using var leaf = TestCertificates.CreateLeaf(registration.EcKey, root, "CN=Apple Test Credential", [NonceExtension(SHA256.HashData(registration.AuthData))]);

        var result = registration.Verify("apple", Stmt.Map(("x5c", Stmt.X5c(leaf.RawData, root.RawData))));

        Assert.Equal("webauthn.attestation_apple_nonce_mismatch", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsCertificateForOtherKey()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = TestCertificates.CreateRoot();
        using var leaf = TestCertificates.CreateLeaf(other, root, "CN=Apple Test Credential", [NonceExtension(SHA256.HashData(registration.SignedData))]);

        var result = registration.Verify("apple", Stmt.Map(("x5c", Stmt.X5c(leaf.RawData, root.RawData))));

        Assert.Equal("webauthn.attestation_public_key_mismatch", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsCertificateWithoutNonce()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var root = TestCertificates.CreateRoot();
        using var leaf = TestCertificates.CreateLeaf(registration.EcKey, root, "CN=Apple Test Credential");

        var result = registration.Verify("apple", Stmt.Map(("x5c", Stmt.X5c(leaf.RawData, root.RawData))));

        Assert.Equal("webauthn.attestation_certificate_invalid", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsUnwrappedNonce()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var root = TestCertificates.CreateRoot();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(SHA256.HashData(registration.SignedData));
        using var leaf = TestCertificates.CreateLeaf(registration.EcKey, root, "CN=Apple Test Credential", [TestCertificates.Raw(NonceOid, writer.Encode())]);

        var result = registration.Verify("apple", Stmt.Map(("x5c", Stmt.X5c(leaf.RawData, root.RawData))));

        Assert.Equal("webauthn.attestation_malformed", result.Error?.Code);
    }

    /// <summary>WebAuthn §8.8: the nonce extension is SEQUENCE { [1] EXPLICIT OCTET STRING nonce }.</summary>
    private static X509Extension NonceExtension(byte[] nonce)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
        {
            writer.WriteOctetString(nonce);
        }

        return TestCertificates.Raw(NonceOid, writer.Encode());
    }
}
