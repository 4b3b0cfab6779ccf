using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Testing;
using Cpoms.TwoFactor.WebAuthn.Attestation;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

/// <summary>Every registration vector in Vectors/ through the attestation step (WebAuthn §7.1 steps 19–22).</summary>
public sealed class AttestationVectorTests
{
    private static readonly DateTimeOffset DefaultNow = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> ValidAttestations =>
        [.. VectorFiles.RegistrationNames().Where(n => RegistrationVector.Load(n).AttestationValid)];

    public static TheoryData<string> InvalidAttestations =>
        [.. VectorFiles.RegistrationNames().Where(n => !RegistrationVector.Load(n).AttestationValid)];

    public static TheoryData<string> AnchoredAttestations =>
        [.. VectorFiles.RegistrationNames().Where(n => RegistrationVector.Load(n) is { AttestationValid: true, TrustAnchorName: not null })];

    public static TheoryData<string> UnanchoredCertificateAttestations =>
        [.. VectorFiles.RegistrationNames().Where(n => RegistrationVector.Load(n) is { AttestationValid: true, TrustAnchorName: null, AttestationType: not ("none" or "self") })];

    [Theory]
    [MemberData(nameof(ValidAttestations))]
    public void Verify_AcceptsVector(string name)
    {
        var vector = RegistrationVector.Load(name);

        var result = Verify(vector, new AttestationTrustOptions());

        Assert.True(result.Succeeded, result.ToString());
    }

    [Theory]
    [MemberData(nameof(ValidAttestations))]
    public void Verify_ReturnsVectorAttestationType(string name)
    {
        var vector = RegistrationVector.Load(name);

        var result = Verify(vector, new AttestationTrustOptions());

        Assert.Equal(RegistrationVector.ParseType(vector.AttestationType), result.Value?.Type);
    }

    [Theory]
    [MemberData(nameof(InvalidAttestations))]
    public void Verify_RejectsVectorWithItsError(string name)
    {
        var vector = RegistrationVector.Load(name);

        var result = Verify(vector, new AttestationTrustOptions());

        Assert.Equal(RegistrationVector.ErrorCode(vector.Error!), result.Error?.Code);
    }

    [Fact]
    public void Verify_AcceptsCtsFalseVectorWhenPolicyAllowsIt()
    {
        var vector = RegistrationVector.Load("reg-android-safetynet-es256-cts-false");

        var result = Verify(vector, new AttestationTrustOptions { SafetyNetRequireCtsProfileMatch = false });

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public void Verify_RejectsSafetyNetVectorLaterThanMaxAge()
    {
        var vector = RegistrationVector.Load("reg-android-safetynet-es256-2021");

        var result = Verify(vector, new AttestationTrustOptions(), vector.VerificationTime!.Value.AddMinutes(2));

        Assert.Equal("webauthn.attestation_safetynet_stale", result.Error?.Code);
    }

    [Theory]
    [MemberData(nameof(ValidAttestations))]
    public void EvaluateTrust_AcceptsVectorUnderDefaultPolicy(string name)
    {
        var vector = RegistrationVector.Load(name);
        var options = new AttestationTrustOptions();
        var verified = Verify(vector, options);

        var trust = Verifier(options, vector).EvaluateTrust(verified.Value!, vector.VerificationTime);

        Assert.True(trust.Succeeded, trust.ToString());
    }

    [Theory]
    [MemberData(nameof(AnchoredAttestations))]
    public void EvaluateTrust_ChainsVectorToItsTrustAnchor(string name)
    {
        var vector = RegistrationVector.Load(name);
        using var anchor = RegistrationVector.LoadTrustAnchor(vector.TrustAnchorName!);
        var options = new AttestationTrustOptions { RequireTrustedAttestation = true, TrustAnchors = { anchor } };
        var verified = Verify(vector, options);

        var trust = Verifier(options, vector).EvaluateTrust(verified.Value!, vector.VerificationTime);

        Assert.True(trust.Succeeded, trust.ToString());
        Assert.Same(anchor, trust.Value.TrustAnchor);
    }

    [Theory]
    [MemberData(nameof(AnchoredAttestations))]
    public void EvaluateTrust_RejectsVectorWithoutItsTrustAnchor(string name)
    {
        var vector = RegistrationVector.Load(name);
        var subject = RegistrationVector.TrustAnchorSubject(vector.TrustAnchorName!);

        // Every other anchor, leaving out those with the same subject (Google's four roots share one key).
        var others = RegistrationVector.TrustAnchorNames().Where(a => RegistrationVector.TrustAnchorSubject(a) != subject)
            .Select(RegistrationVector.LoadTrustAnchor).ToList();
        var options = new AttestationTrustOptions { RequireTrustedAttestation = true };
        others.ForEach(options.TrustAnchors.Add);
        var verified = Verify(vector, options);

        var trust = Verifier(options, vector).EvaluateTrust(verified.Value!, vector.VerificationTime);

        Assert.Equal("webauthn.attestation_untrusted", trust.Error?.Code);
    }

    [Theory]
    [MemberData(nameof(UnanchoredCertificateAttestations))]
    public void EvaluateTrust_RejectsVectorChainWithoutKnownRoot(string name)
    {
        var vector = RegistrationVector.Load(name);
        var options = new AttestationTrustOptions { RequireTrustedAttestation = true };
        RegistrationVector.TrustAnchorNames().Select(RegistrationVector.LoadTrustAnchor).ToList().ForEach(options.TrustAnchors.Add);
        var verified = Verify(vector, options);

        var trust = Verifier(options, vector).EvaluateTrust(verified.Value!, vector.VerificationTime);

        Assert.Equal("webauthn.attestation_untrusted", trust.Error?.Code);
    }

    [Fact]
    public void EvaluateTrust_RejectsChainEndingAtRootTheKeySent()
    {
        // The Feitian x5c carries its own root as the third certificate: sent by the client, so not trusted.
        var vector = RegistrationVector.Load("reg-packed-es256-feitian-biopass-formatted-clientdata");
        var options = new AttestationTrustOptions { RequireTrustedAttestation = true };
        RegistrationVector.TrustAnchorNames().Select(RegistrationVector.LoadTrustAnchor).ToList().ForEach(options.TrustAnchors.Add);
        var verified = Verify(vector, options);

        var trust = Verifier(options, vector).EvaluateTrust(verified.Value!, vector.VerificationTime);

        Assert.Equal(3, verified.Value!.TrustPath.Length);
        Assert.Equal("webauthn.attestation_untrusted", trust.Error?.Code);
    }

    [Fact]
    public void EvaluateTrust_TrustsFeitianChainOnceItsRootIsConfigured()
    {
        var vector = RegistrationVector.Load("reg-packed-es256-feitian-biopass-formatted-clientdata");
        var probe = Verify(vector, new AttestationTrustOptions());
        using var root = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(probe.Value!.TrustPath[2].RawData);
        var options = new AttestationTrustOptions { RequireTrustedAttestation = true, TrustAnchors = { root } };

        var trust = Verifier(options, vector).EvaluateTrust(Verify(vector, options).Value!, vector.VerificationTime);

        Assert.Same(root, trust.Value?.TrustAnchor);
    }

    private static TwoFactorResult<AttestationVerificationResult> Verify(RegistrationVector vector, AttestationTrustOptions options, DateTimeOffset? time = null)
    {
        if (vector.SafetyNetRequireCtsProfileMatch is false)
        {
            options.SafetyNetRequireCtsProfileMatch = false;
        }

        var authenticatorData = AuthenticatorData.Parse(vector.AuthData);
        using var key = CoseKey.Decode(authenticatorData.AttestedCredentialData!.CredentialPublicKey);
        return Verifier(options, vector).Verify(vector.Format, vector.Statement, authenticatorData, vector.ClientDataHash, key, time ?? vector.VerificationTime);
    }

    private static AttestationVerifier Verifier(AttestationTrustOptions options, RegistrationVector vector) =>
        new(options, new ManualTimeProvider(vector.VerificationTime ?? DefaultNow));
}
