using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.WebAuthn.Attestation;
using Cpoms.TwoFactor.WebAuthn.Tests.Cbor;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

public sealed class FidoU2fAttestationTests
{
    [Fact]
    public void Verify_AcceptsU2fRegistration()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(attestationKey, null, "CN=U2F Test Key");

        var result = registration.Verify("fido-u2f", Statement(registration, attestationKey, leaf));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(AttestationType.BasicOrAttCA, result.Value.Type);
    }

    [Fact]
    public void Verify_RejectsTwoCertificates()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = TestCertificates.CreateRoot();
        using var leaf = TestCertificates.CreateLeaf(attestationKey, root, "CN=U2F Test Key");

        var result = registration.Verify("fido-u2f", Statement(registration, attestationKey, leaf, root.RawData));

        Assert.Equal("webauthn.attestation_certificate_invalid", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsP384AttestationCertificate()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var leaf = TestCertificates.CreateLeaf(attestationKey, null, "CN=U2F Test Key");

        var result = registration.Verify("fido-u2f", Statement(registration, attestationKey, leaf));

        Assert.Equal("webauthn.attestation_certificate_invalid", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsNonP256CredentialKey()
    {
        using var registration = SyntheticRegistration.CreateEc(ECCurve.NamedCurves.nistP384);
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(attestationKey, null, "CN=U2F Test Key");

        var result = registration.Verify("fido-u2f", Statement(registration, attestationKey, leaf));

        Assert.Equal("webauthn.attestation_algorithm_unsupported", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsRsaCredentialKey()
    {
        using var registration = SyntheticRegistration.CreateRsa();
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(attestationKey, null, "CN=U2F Test Key");

        var result = registration.Verify("fido-u2f", Stmt.Map(("sig", Stmt.Bytes([0x30, 0x00])), ("x5c", Stmt.X5c(leaf.RawData))));

        Assert.Equal("webauthn.attestation_algorithm_unsupported", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsEd25519CredentialKey()
    {
        using var registration = SyntheticRegistration.CreateEd25519();
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(attestationKey, null, "CN=U2F Test Key");

        var result = registration.Verify("fido-u2f", Stmt.Map(("sig", Stmt.Bytes([0x30, 0x00])), ("x5c", Stmt.X5c(leaf.RawData))));

        Assert.Equal("webauthn.attestation_algorithm_unsupported", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsSignatureOverOtherRelyingParty()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(attestationKey, null, "CN=U2F Test Key");
        var otherRpIdHash = SHA256.HashData("evil.example"u8);

        var result = registration.Verify("fido-u2f", Statement(registration, attestationKey, leaf, rpIdHash: otherRpIdHash));

        Assert.Equal("webauthn.attestation_invalid_signature", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsMissingCertificates()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("fido-u2f", Stmt.Map(("sig", Stmt.Bytes([0x30, 0x00]))));

        Assert.Equal("webauthn.attestation_malformed", result.Error?.Code);
    }

    /// <summary>WebAuthn §8.6 step 5: signs 0x00 || rpIdHash || clientDataHash || credentialId || 0x04 || x || y.</summary>
    internal static CborNode Statement(SyntheticRegistration registration, ECDsa attestationKey, X509Certificate2 leaf, byte[]? extra = null, byte[]? rpIdHash = null)
    {
        var q = registration.EcKey.ExportParameters(false).Q;
        byte[] data = [0x00, .. rpIdHash ?? registration.RpIdHash, .. registration.ClientDataHash, .. registration.CredentialId, 0x04, .. q.X!, .. q.Y!];
        var sig = attestationKey.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Stmt.Map(("sig", Stmt.Bytes(sig)), ("x5c", extra is null ? Stmt.X5c(leaf.RawData) : Stmt.X5c(leaf.RawData, extra)));
    }
}
