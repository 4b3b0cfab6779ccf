using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.WebAuthn.Attestation;
using Cpoms.TwoFactor.WebAuthn.Tests.Cbor;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

public sealed class AndroidKeyAttestationTests
{
    private const string KeyDescriptionOid = "1.3.6.1.4.1.11129.2.1.17";

    [Fact]
    public void Verify_AcceptsGeneratedSigningKey()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var root = TestCertificates.CreateRoot();
        using var leaf = Leaf(registration, root, new KeyDescriptionBuilder { Challenge = registration.ClientDataHash });

        var result = registration.Verify("android-key", Statement(registration, leaf));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(AttestationType.Basic, result.Value.Type);
    }

    [Fact]
    public void Verify_RejectsChallengeMismatch()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var root = TestCertificates.CreateRoot();
        using var leaf = Leaf(registration, root, new KeyDescriptionBuilder { Challenge = SHA256.HashData(registration.AuthData) });

        var result = registration.Verify("android-key", Statement(registration, leaf));

        Assert.Equal("webauthn.attestation_android_key_challenge_mismatch", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsAllApplications()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var root = TestCertificates.CreateRoot();
        using var leaf = Leaf(registration, root, new KeyDescriptionBuilder
        {
            Challenge = registration.ClientDataHash,
            Tee = new() { Purposes = [2], Origin = 0, AllApplications = true },
        });

        var result = registration.Verify("android-key", Statement(registration, leaf));

        Assert.Equal("webauthn.attestation_android_key_authorization_list", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsSoftwareOnlyKeyWhenHardwareRequired()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var root = TestCertificates.CreateRoot();
        using var leaf = Leaf(registration, root, new KeyDescriptionBuilder
        {
            Challenge = registration.ClientDataHash,
            Software = new() { Purposes = [2], Origin = 0 },
            Tee = new(),
        });

        var result = registration.Verify("android-key", Statement(registration, leaf), new AttestationTrustOptions { AndroidKeyRequireHardwareEnforced = true });

        Assert.Equal("webauthn.attestation_android_key_authorization_list", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsCertificateForOtherKey()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = TestCertificates.CreateRoot();
        using var leaf = TestCertificates.CreateLeaf(other, root, "CN=Android Keystore Key", [Extension(new KeyDescriptionBuilder { Challenge = registration.ClientDataHash })]);
        var sig = other.SignData(registration.SignedData, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        var result = registration.Verify("android-key", Stmt.Map(("alg", Stmt.Int(-7)), ("sig", Stmt.Bytes(sig)), ("x5c", Stmt.X5c(leaf.RawData))));

        Assert.Equal("webauthn.attestation_public_key_mismatch", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsCertificateWithoutKeyDescription()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var root = TestCertificates.CreateRoot();
        using var leaf = TestCertificates.CreateLeaf(registration.EcKey, root, "CN=Android Keystore Key");

        var result = registration.Verify("android-key", Statement(registration, leaf));

        Assert.Equal("webauthn.attestation_certificate_invalid", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsWrongSignature()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var root = TestCertificates.CreateRoot();
        using var leaf = Leaf(registration, root, new KeyDescriptionBuilder { Challenge = registration.ClientDataHash });
        var sig = registration.SignWithCredentialKey(registration.AuthData);

        var result = registration.Verify("android-key", Stmt.Map(("alg", Stmt.Int(-7)), ("sig", Stmt.Bytes(sig)), ("x5c", Stmt.X5c(leaf.RawData))));

        Assert.Equal("webauthn.attestation_invalid_signature", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsMalformedKeyDescription()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var root = TestCertificates.CreateRoot();
        using var leaf = TestCertificates.CreateLeaf(registration.EcKey, root, "CN=Android Keystore Key", [TestCertificates.Raw(KeyDescriptionOid, [0x30, 0x03, 0x02, 0x01, 0x03])]);

        var result = registration.Verify("android-key", Statement(registration, leaf));

        Assert.Equal("webauthn.attestation_malformed", result.Error?.Code);
    }

    private static X509Certificate2 Leaf(SyntheticRegistration registration, X509Certificate2 issuer, KeyDescriptionBuilder description) =>
        TestCertificates.CreateLeaf(registration.EcKey, issuer, "CN=Android Keystore Key", [Extension(description)]);

    private static X509Extension Extension(KeyDescriptionBuilder description) => TestCertificates.Raw(KeyDescriptionOid, description.Encode());

    private static CborNode Statement(SyntheticRegistration registration, X509Certificate2 leaf) =>
        Stmt.Map(("alg", Stmt.Int(-7)), ("sig", Stmt.Bytes(registration.SignWithCredentialKey(registration.SignedData))), ("x5c", Stmt.X5c(leaf.RawData)));
}
