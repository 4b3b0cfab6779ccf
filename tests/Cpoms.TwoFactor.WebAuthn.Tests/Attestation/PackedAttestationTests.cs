using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.WebAuthn.Attestation;
using Cpoms.TwoFactor.WebAuthn.Tests.Cbor;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

public sealed class PackedAttestationTests
{
    [Fact]
    public void Verify_AcceptsFullAttestation()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = TestCertificates.CreateRoot();
        using var leaf = TestCertificates.CreateLeaf(attestationKey, root, extensions: [TestCertificates.BasicConstraints(false), TestCertificates.AaguidExtension(registration.Aaguid)]);

        var result = registration.Verify("packed", Full(registration, attestationKey, leaf));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(AttestationType.BasicOrAttCA, result.Value.Type);
        Assert.Equal(leaf.RawData, Assert.Single(result.Value.TrustPath).RawData);
    }

    [Fact]
    public void Verify_AcceptsRsaAttestationKey()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var attestationKey = RSA.Create(2048);
        using var leaf = TestCertificates.CreateLeaf(attestationKey, null);
        var sig = attestationKey.SignData(registration.SignedData, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var result = registration.Verify("packed", Stmt.Map(("alg", Stmt.Int(-257)), ("sig", Stmt.Bytes(sig)), ("x5c", Stmt.X5c(leaf.RawData))));

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public void Verify_AcceptsSelfAttestation()
    {
        using var registration = SyntheticRegistration.CreateEc();
        var sig = registration.SignWithCredentialKey(registration.SignedData);

        var result = registration.Verify("packed", Stmt.Map(("alg", Stmt.Int(-7)), ("sig", Stmt.Bytes(sig))));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(AttestationType.Self, result.Value.Type);
        Assert.Empty(result.Value.TrustPath);
    }

    [Fact]
    public void Verify_AcceptsEd25519SelfAttestation()
    {
        using var registration = SyntheticRegistration.CreateEd25519();
        var sig = registration.SignWithCredentialKey(registration.SignedData);

        var result = registration.Verify("packed", Stmt.Map(("alg", Stmt.Int(-8)), ("sig", Stmt.Bytes(sig))));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(AttestationType.Self, result.Value.Type);
    }

    [Fact]
    public void Verify_RejectsEd25519SelfAttestationOverOtherData()
    {
        using var registration = SyntheticRegistration.CreateEd25519();
        var sig = registration.SignWithCredentialKey(registration.AuthData);

        var result = registration.Verify("packed", Stmt.Map(("alg", Stmt.Int(-8)), ("sig", Stmt.Bytes(sig))));

        Assert.Equal("webauthn.attestation_invalid_signature", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsSelfAttestationWithOtherAlgorithm()
    {
        using var registration = SyntheticRegistration.CreateEc();
        var sig = registration.SignWithCredentialKey(registration.SignedData);

        var result = registration.Verify("packed", Stmt.Map(("alg", Stmt.Int(-35)), ("sig", Stmt.Bytes(sig))));

        Assert.Equal("webauthn.attestation_algorithm_unsupported", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsSelfAttestationWithWrongSignature()
    {
        using var registration = SyntheticRegistration.CreateEc();
        var sig = registration.SignWithCredentialKey(registration.ClientDataHash);

        var result = registration.Verify("packed", Stmt.Map(("alg", Stmt.Int(-7)), ("sig", Stmt.Bytes(sig))));

        Assert.Equal("webauthn.attestation_invalid_signature", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsWrongSignature()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(attestationKey, null);
        var sig = attestationKey.SignData(registration.AuthData, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        var result = registration.Verify("packed", Stmt.Map(("alg", Stmt.Int(-7)), ("sig", Stmt.Bytes(sig)), ("x5c", Stmt.X5c(leaf.RawData))));

        Assert.Equal("webauthn.attestation_invalid_signature", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsAlgorithmThatDoesNotFitCertificateKey()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(attestationKey, null);
        var sig = attestationKey.SignData(registration.SignedData, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        var result = registration.Verify("packed", Stmt.Map(("alg", Stmt.Int(-257)), ("sig", Stmt.Bytes(sig)), ("x5c", Stmt.X5c(leaf.RawData))));

        Assert.Equal("webauthn.attestation_algorithm_unsupported", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsCertificateWithoutAttestationOrganizationalUnit()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(attestationKey, null, "CN=Test Authenticator, OU=Keys, O=Cpoms Test, C=GB");

        var result = registration.Verify("packed", Full(registration, attestationKey, leaf));

        Assert.Equal("webauthn.attestation_certificate_invalid", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsCaCertificateAsLeaf()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(attestationKey, null, extensions: [TestCertificates.BasicConstraints(true)]);

        var result = registration.Verify("packed", Full(registration, attestationKey, leaf));

        Assert.Equal("webauthn.attestation_certificate_invalid", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsAaguidExtensionMismatch()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(attestationKey, null, extensions: [TestCertificates.AaguidExtension(new byte[16])]);

        var result = registration.Verify("packed", Full(registration, attestationKey, leaf));

        Assert.Equal("webauthn.attestation_aaguid_mismatch", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsMissingSignature()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("packed", Stmt.Map(("alg", Stmt.Int(-7))));

        Assert.Equal("webauthn.attestation_malformed", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsTextAlgorithm()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("packed", Stmt.Map(("alg", Stmt.Text("ES256")), ("sig", Stmt.Bytes([1]))));

        Assert.Equal("webauthn.attestation_malformed", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsEmptyCertificateArray()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("packed", Stmt.Map(("alg", Stmt.Int(-7)), ("sig", Stmt.Bytes([1])), ("x5c", Stmt.X5c())));

        Assert.Equal("webauthn.attestation_malformed", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsUnreadableCertificate()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("packed", Stmt.Map(("alg", Stmt.Int(-7)), ("sig", Stmt.Bytes([1])), ("x5c", Stmt.X5c([0x30, 0x01, 0x00]))));

        Assert.Equal("webauthn.attestation_malformed", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsTrustPathLongerThanTenCertificates()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = TestCertificates.CreateRoot();
        using var leaf = TestCertificates.CreateLeaf(attestationKey, root);

        var result = registration.Verify("packed", Full(registration, attestationKey, leaf, [.. Enumerable.Repeat(root.RawData, 10)]));

        Assert.Equal("webauthn.attestation_malformed", result.Error?.Code);
    }

    internal static CborNode Full(SyntheticRegistration registration, ECDsa attestationKey, X509Certificate2 leaf, params byte[][] more)
    {
        var sig = attestationKey.SignData(registration.SignedData, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Stmt.Map(("alg", Stmt.Int(-7)), ("sig", Stmt.Bytes(sig)), ("x5c", Stmt.X5c([leaf.RawData, .. more])));
    }
}
