using System.Security.Cryptography;

using Cpoms.TwoFactor.WebAuthn.Attestation;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

public sealed class AttestationTrustChainTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FindAnchor_FindsConfiguredRootThroughIntermediate()
    {
        using var root = TestCertificates.CreateRoot();
        using var intermediate = TestCertificates.CreateIntermediate(root);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, intermediate);
        using var anchor = Public(root);

        var found = AttestationTrustChain.FindAnchor([leaf, Public(intermediate)], [anchor], Now);

        Assert.Same(anchor, found);
    }

    [Fact]
    public void FindAnchor_AcceptsPathThatIncludesTheConfiguredRoot()
    {
        using var root = TestCertificates.CreateRoot();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, root);
        using var anchor = Public(root);

        var found = AttestationTrustChain.FindAnchor([leaf, Public(root)], [anchor], Now);

        Assert.Same(anchor, found);
    }

    [Fact]
    public void FindAnchor_RejectsPathEndingAtRootTheClientSent()
    {
        using var configured = TestCertificates.CreateRoot();
        using var clientRoot = TestCertificates.CreateRoot();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, clientRoot);

        var found = AttestationTrustChain.FindAnchor([leaf, Public(clientRoot)], [Public(configured)], Now);

        Assert.Null(found);
    }

    [Fact]
    public void FindAnchor_RejectsImpostorRootWithAnchorsName()
    {
        // Same subject as the configured root, different key: the client's "root" must not stand in for the anchor.
        using var configured = TestCertificates.CreateRoot();
        using var impostor = TestCertificates.CreateRoot();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, impostor);

        var found = AttestationTrustChain.FindAnchor([leaf, Public(impostor)], [Public(configured)], Now);

        Assert.Null(found);
    }

    [Fact]
    public void FindAnchor_RejectsSelfSignedLeafThatIsNotAnAnchor()
    {
        using var root = TestCertificates.CreateRoot();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, null);

        var found = AttestationTrustChain.FindAnchor([leaf], [Public(root)], Now);

        Assert.Null(found);
    }

    [Fact]
    public void FindAnchor_AcceptsLeafThatIsItselfAnAnchor()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, null);
        using var anchor = Public(leaf);

        var found = AttestationTrustChain.FindAnchor([Public(leaf)], [anchor], Now);

        Assert.Same(anchor, found);
    }

    [Fact]
    public void FindAnchor_RejectsExpiredLeafAtVerificationTime()
    {
        using var root = TestCertificates.CreateRoot();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, root, notBefore: TestCertificates.NotBefore, notAfter: new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));

        var found = AttestationTrustChain.FindAnchor([leaf], [Public(root)], Now);

        Assert.Null(found);
    }

    [Fact]
    public void FindAnchor_AcceptsExpiredLeafAtEarlierVerificationTime()
    {
        using var root = TestCertificates.CreateRoot();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, root, notBefore: TestCertificates.NotBefore, notAfter: new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        using var anchor = Public(root);

        var found = AttestationTrustChain.FindAnchor([leaf], [anchor], new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Same(anchor, found);
    }

    [Fact]
    public void FindAnchor_AcceptsTpmAikWithCriticalSubjectAltName()
    {
        // WebAuthn §8.3.1: empty subject, critical SAN with the TPM attributes, EKU tcg-kp-AIKCertificate.
        using var root = TestCertificates.CreateRoot();
        using var intermediate = TestCertificates.CreateIntermediate(root);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var aik = TestCertificates.CreateLeaf(
            key,
            intermediate,
            "",
            [TestCertificates.TpmSubjectAltName(), TestCertificates.ExtendedKeyUsage("2.23.133.8.3"), TestCertificates.BasicConstraints(false)]);
        using var anchor = Public(root);

        var found = AttestationTrustChain.FindAnchor([aik, Public(intermediate)], [anchor], Now);

        Assert.Same(anchor, found);
    }

    [Fact]
    public void FindAnchor_DoesNotUseIntermediateAsAnchor()
    {
        // Anchors are roots: an intermediate CA listed as an anchor does not make its leaves trusted.
        using var root = TestCertificates.CreateRoot();
        using var intermediate = TestCertificates.CreateIntermediate(root);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, intermediate);

        var found = AttestationTrustChain.FindAnchor([leaf, Public(intermediate)], [Public(intermediate)], Now);

        Assert.Null(found);
    }

    [Fact]
    public void FindAnchor_RejectsWhenNoAnchorConfigured()
    {
        using var root = TestCertificates.CreateRoot();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestCertificates.CreateLeaf(key, root);

        var found = AttestationTrustChain.FindAnchor([leaf, Public(root)], [], Now);

        Assert.Null(found);
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 Public(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.RawData);
}
