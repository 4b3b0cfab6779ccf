using Cpoms.TwoFactor.Testing;
using Cpoms.TwoFactor.WebAuthn.Attestation;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

public sealed class NoneAttestationTests
{
    [Fact]
    public void Verify_AcceptsEmptyStatement()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("none", Stmt.Map());

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(AttestationType.None, result.Value.Type);
        Assert.Empty(result.Value.TrustPath);
    }

    [Fact]
    public void Verify_RejectsNonEmptyStatement()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("none", Stmt.Map(("sig", Stmt.Bytes([1]))));

        Assert.Equal("webauthn.attestation_malformed", result.Error?.Code);
    }

    [Theory]
    [InlineData("compound")]
    [InlineData("Packed")]
    [InlineData("NONE")]
    [InlineData("")]
    [InlineData("fido-u2f ")]
    public void Verify_RejectsUnsupportedFormat(string format)
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify(format, Stmt.Map());

        Assert.Equal("webauthn.attestation_format_unsupported", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsAuthenticatorDataWithoutCredential()
    {
        using var registration = SyntheticRegistration.CreateEc();
        byte[] authData = [.. registration.RpIdHash, 0x01, 0, 0, 0, 0];
        var verifier = new AttestationVerifier(new AttestationTrustOptions(), new ManualTimeProvider());

        var result = verifier.Verify("none", SyntheticRegistration.Statement(Stmt.Map()), AuthenticatorData.Parse(authData), registration.ClientDataHash, registration.CredentialKey);

        Assert.Equal("webauthn.attestation_malformed", result.Error?.Code);
    }
}
