using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.WebAuthn.Attestation;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

public sealed class AttestationCertificatesTests
{
    private static readonly byte[] Aaguid = Convert.FromHexString("0102030405060708090A0B0C0D0E0F10");

    [Fact]
    public void MeetsPackedRequirements_AcceptsCompliantLeaf()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, null, extensions: [TestCertificates.BasicConstraints(ca: false)]);

        Assert.True(AttestationCertificates.MeetsPackedRequirements(leaf));
    }

    [Fact]
    public void MeetsPackedRequirements_AcceptsLeafWithoutBasicConstraints()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, null);

        Assert.True(AttestationCertificates.MeetsPackedRequirements(leaf));
    }

    [Fact]
    public void MeetsPackedRequirements_RejectsCaLeaf()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, null, extensions: [TestCertificates.BasicConstraints(ca: true)]);

        Assert.False(AttestationCertificates.MeetsPackedRequirements(leaf));
    }

    [Theory]
    [InlineData("CN=Test Authenticator, OU=Security Keys, O=Cpoms Test, C=GB")]
    [InlineData("CN=Test Authenticator, O=Cpoms Test, C=GB")]
    [InlineData("CN=Test Authenticator, OU=Authenticator Attestation, C=GB")]
    [InlineData("CN=Test Authenticator, OU=Authenticator Attestation, O=Cpoms Test")]
    [InlineData("CN=Test Authenticator, OU=Authenticator Attestation, O=Cpoms Test, C=GBR")]
    [InlineData("OU=Authenticator Attestation, O=Cpoms Test, C=GB")]
    [InlineData("CN=Test Authenticator, OU=Authenticator Attestation, OU=Authenticator Attestation, O=Cpoms Test, C=GB")]
    public void MeetsPackedRequirements_RejectsSubject(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, null, subject);

        Assert.False(AttestationCertificates.MeetsPackedRequirements(leaf));
    }

    [Fact]
    public void MeetsTpmAikRequirements_AcceptsCompliantAik()
    {
        using var aik = CreateAik(TestCertificates.TpmSubjectAltName(), TestCertificates.ExtendedKeyUsage("2.23.133.8.3"));

        Assert.True(AttestationCertificates.MeetsTpmAikRequirements(aik));
    }

    [Theory]
    [InlineData(false, true, true)]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    public void MeetsTpmAikRequirements_RejectsSubjectAltNameWithoutTpmAttribute(bool manufacturer, bool model, bool version)
    {
        using var aik = CreateAik(TestCertificates.TpmSubjectAltName(manufacturer, model, version), TestCertificates.ExtendedKeyUsage("2.23.133.8.3"));

        Assert.False(AttestationCertificates.MeetsTpmAikRequirements(aik));
    }

    [Fact]
    public void MeetsTpmAikRequirements_RejectsMissingAikKeyUsage()
    {
        using var aik = CreateAik(TestCertificates.TpmSubjectAltName(), TestCertificates.ExtendedKeyUsage("1.3.6.1.5.5.7.3.2"));

        Assert.False(AttestationCertificates.MeetsTpmAikRequirements(aik));
    }

    [Fact]
    public void MeetsTpmAikRequirements_RejectsNonEmptySubject()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var aik = TestCertificates.CreateLeaf(
            key,
            null,
            "CN=TPM AIK",
            [TestCertificates.TpmSubjectAltName(), TestCertificates.ExtendedKeyUsage("2.23.133.8.3"), TestCertificates.BasicConstraints(false)]);

        Assert.False(AttestationCertificates.MeetsTpmAikRequirements(aik));
    }

    [Fact]
    public void MeetsTpmAikRequirements_RejectsCaCertificate()
    {
        using var aik = CreateAik(TestCertificates.TpmSubjectAltName(), TestCertificates.ExtendedKeyUsage("2.23.133.8.3"), TestCertificates.BasicConstraints(true));

        Assert.False(AttestationCertificates.MeetsTpmAikRequirements(aik));
    }

    [Fact]
    public void AaguidExtensionMatches_AcceptsAbsentExtension()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, null);

        Assert.True(AttestationCertificates.AaguidExtensionMatches(leaf, Aaguid));
    }

    [Fact]
    public void AaguidExtensionMatches_AcceptsEqualAaguid()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, null, extensions: [TestCertificates.AaguidExtension(Aaguid)]);

        Assert.True(AttestationCertificates.AaguidExtensionMatches(leaf, Aaguid));
    }

    [Fact]
    public void AaguidExtensionMatches_RejectsOtherAaguid()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, null, extensions: [TestCertificates.AaguidExtension(new byte[16])]);

        Assert.False(AttestationCertificates.AaguidExtensionMatches(leaf, Aaguid));
    }

    [Fact]
    public void AaguidExtensionMatches_RejectsCriticalExtension()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, null, extensions: [TestCertificates.AaguidExtension(Aaguid, critical: true)]);

        Assert.False(AttestationCertificates.AaguidExtensionMatches(leaf, Aaguid));
    }

    [Fact]
    public void AaguidExtensionMatches_RejectsUnwrappedBytes()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, null, extensions: [TestCertificates.Raw("1.3.6.1.4.1.45724.1.1.4", Aaguid)]);

        Assert.False(AttestationCertificates.AaguidExtensionMatches(leaf, Aaguid));
    }

    [Fact]
    public void HasP256Key_AcceptsP256()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, null);

        Assert.True(AttestationCertificates.HasP256Key(leaf));
    }

    [Fact]
    public void HasP256Key_RejectsP384()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var leaf = TestCertificates.CreateLeaf(key, null);

        Assert.False(AttestationCertificates.HasP256Key(leaf));
    }

    [Fact]
    public void HasP256Key_RejectsRsa()
    {
        using var key = RSA.Create(2048);
        using var leaf = TestCertificates.CreateLeaf(key, null);

        Assert.False(AttestationCertificates.HasP256Key(leaf));
    }

    [Fact]
    public void Load_RejectsGarbage()
    {
        Assert.Throws<AttestationFormatException>(() => AttestationCertificates.Load([0x30, 0x03, 0x02, 0x01, 0x01]));
    }

    private static X509Certificate2 CreateAik(params X509Extension[] extensions)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return TestCertificates.CreateLeaf(key, null, "", [.. extensions]);
    }
}
