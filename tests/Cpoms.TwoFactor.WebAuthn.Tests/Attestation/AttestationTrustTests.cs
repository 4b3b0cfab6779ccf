using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Testing;
using Cpoms.TwoFactor.WebAuthn.Attestation;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

/// <summary>The trust decision (WebAuthn §7.1 steps 21–22) under <see cref="AttestationTrustOptions"/>.</summary>
public sealed class AttestationTrustTests : IDisposable
{
    private static readonly Guid SchoolKeyModel = new("c0ffee00-1122-3344-5566-778899aabbcc");

    private readonly SyntheticRegistration _registration = SyntheticRegistration.CreateEc();
    private readonly ECDsa _attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _root = TestCertificates.CreateRoot();
    private readonly X509Certificate2 _anchor;
    private readonly X509Certificate2 _leaf;

    public AttestationTrustTests()
    {
        _anchor = X509CertificateLoader.LoadCertificate(_root.RawData);
        _leaf = TestCertificates.CreateLeaf(_attestationKey, _root, extensions: [TestCertificates.AaguidExtension(_registration.Aaguid)]);
    }

    [Fact]
    public void EvaluateTrust_AcceptsNoneByDefault()
    {
        var result = Evaluate(None(), new AttestationTrustOptions());

        Assert.True(result.Succeeded, result.ToString());
        Assert.False(result.Value.IsTrusted);
    }

    [Fact]
    public void EvaluateTrust_RejectsNoneWhenNotAllowed()
    {
        var result = Evaluate(None(), new AttestationTrustOptions { AllowNoneAttestation = false });

        Assert.Equal("webauthn.attestation_none_not_allowed", result.Error?.Code);
    }

    [Fact]
    public void EvaluateTrust_RejectsNoneWhenTrustRequired()
    {
        var result = Evaluate(None(), new AttestationTrustOptions { RequireTrustedAttestation = true, TrustAnchors = { _anchor } });

        Assert.Equal("webauthn.attestation_none_not_allowed", result.Error?.Code);
    }

    [Fact]
    public void EvaluateTrust_AcceptsSelfByDefault()
    {
        var result = Evaluate(Self(), new AttestationTrustOptions());

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(AttestationType.Self, result.Value.Type);
    }

    [Fact]
    public void EvaluateTrust_RejectsSelfWhenNotAllowed()
    {
        var result = Evaluate(Self(), new AttestationTrustOptions { AllowSelfAttestation = false });

        Assert.Equal("webauthn.attestation_self_not_allowed", result.Error?.Code);
    }

    [Fact]
    public void EvaluateTrust_RejectsSelfWhenTrustRequired()
    {
        var result = Evaluate(Self(), new AttestationTrustOptions { RequireTrustedAttestation = true, TrustAnchors = { _anchor } });

        Assert.Equal("webauthn.attestation_self_not_allowed", result.Error?.Code);
    }

    [Fact]
    public void EvaluateTrust_NamesTheAnchorOfATrustedChain()
    {
        var result = Evaluate(Full(), new AttestationTrustOptions { RequireTrustedAttestation = true, TrustAnchors = { _anchor } });

        Assert.Same(_anchor, result.Value?.TrustAnchor);
    }

    [Fact]
    public void EvaluateTrust_AcceptsUntrustedChainByDefault()
    {
        var result = Evaluate(Full(), new AttestationTrustOptions());

        Assert.True(result.Succeeded, result.ToString());
        Assert.Null(result.Value.TrustAnchor);
    }

    [Fact]
    public void EvaluateTrust_RejectsUntrustedChainWhenTrustRequired()
    {
        using var otherRoot = TestCertificates.CreateRoot();

        var result = Evaluate(Full(), new AttestationTrustOptions { RequireTrustedAttestation = true, TrustAnchors = { X509CertificateLoader.LoadCertificate(otherRoot.RawData) } });

        Assert.Equal("webauthn.attestation_untrusted", result.Error?.Code);
    }

    [Fact]
    public void EvaluateTrust_RejectsUntrustedChainWhenSelfNotAllowed()
    {
        var result = Evaluate(Full(), new AttestationTrustOptions { AllowSelfAttestation = false });

        Assert.Equal("webauthn.attestation_untrusted", result.Error?.Code);
    }

    [Fact]
    public void EvaluateTrust_RejectsChainWhoseRootIsOnlySentByTheKey()
    {
        // The key sends the root along; the anchor list holds a different certificate.
        using var otherRoot = TestCertificates.CreateRoot();
        var options = new AttestationTrustOptions { RequireTrustedAttestation = true, TrustAnchors = { X509CertificateLoader.LoadCertificate(otherRoot.RawData) } };

        var result = Evaluate(Full(_root.RawData), options);

        Assert.Equal("webauthn.attestation_untrusted", result.Error?.Code);
    }

    [Fact]
    public void EvaluateTrust_RejectsChainOutsideVerificationTime()
    {
        var options = new AttestationTrustOptions { RequireTrustedAttestation = true, TrustAnchors = { _anchor } };

        var result = Evaluate(Full(), options, new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal("webauthn.attestation_untrusted", result.Error?.Code);
    }

    [Fact]
    public void EvaluateTrust_AcceptsAllowedAaguid()
    {
        var options = new AttestationTrustOptions { RequireTrustedAttestation = true, TrustAnchors = { _anchor }, AllowedAaguids = { SchoolKeyModel } };

        var result = Evaluate(Full(), options);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public void EvaluateTrust_RejectsAaguidNotInAllowList()
    {
        var options = new AttestationTrustOptions { RequireTrustedAttestation = true, TrustAnchors = { _anchor }, AllowedAaguids = { Guid.Parse("00000000-0000-0000-0000-000000000001") } };

        var result = Evaluate(Full(), options);

        Assert.Equal("webauthn.attestation_aaguid_not_allowed", result.Error?.Code);
    }

    [Fact]
    public void EvaluateTrust_ReadsOptionsOnEveryCall()
    {
        var current = new AttestationTrustOptions();
        var verifier = new AttestationVerifier(() => current, new ManualTimeProvider(SyntheticRegistration.Now));
        var attestation = None();
        current = new AttestationTrustOptions { AllowNoneAttestation = false };

        var result = verifier.EvaluateTrust(attestation);

        Assert.Equal("webauthn.attestation_none_not_allowed", result.Error?.Code);
    }

    [Fact]
    public void EvaluateTrust_UsesTimeProviderWhenNoTimeGiven()
    {
        var options = new AttestationTrustOptions { RequireTrustedAttestation = true, TrustAnchors = { _anchor } };
        var verifier = new AttestationVerifier(options, new ManualTimeProvider(new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var result = verifier.EvaluateTrust(Full());

        Assert.Equal("webauthn.attestation_untrusted", result.Error?.Code);
    }

    public void Dispose()
    {
        _leaf.Dispose();
        _anchor.Dispose();
        _root.Dispose();
        _attestationKey.Dispose();
        _registration.Dispose();
    }

    private static TwoFactorResult<AttestationVerificationResult> Evaluate(AttestationVerificationResult attestation, AttestationTrustOptions options, DateTimeOffset? time = null) =>
        new AttestationVerifier(options, new ManualTimeProvider(SyntheticRegistration.Now)).EvaluateTrust(attestation, time);

    private AttestationVerificationResult None() => _registration.Verify("none", Stmt.Map()).Value!;

    private AttestationVerificationResult Self()
    {
        var sig = _registration.SignWithCredentialKey(_registration.SignedData);
        return _registration.Verify("packed", Stmt.Map(("alg", Stmt.Int(-7)), ("sig", Stmt.Bytes(sig)))).Value!;
    }

    private AttestationVerificationResult Full(params byte[][] more) =>
        _registration.Verify("packed", PackedAttestationTests.Full(_registration, _attestationKey, _leaf, more)).Value!;
}
