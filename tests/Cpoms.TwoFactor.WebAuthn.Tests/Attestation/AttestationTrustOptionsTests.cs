using Cpoms.TwoFactor.WebAuthn.Attestation;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

public sealed class AttestationTrustOptionsTests
{
    [Fact]
    public void Defaults_AcceptNoneAndSelfAttestation()
    {
        var options = new AttestationTrustOptions();

        Assert.True(options.AllowNoneAttestation && options.AllowSelfAttestation && !options.RequireTrustedAttestation);
    }

    [Fact]
    public void Defaults_RequireCtsProfileMatchWithinOneMinute()
    {
        var options = new AttestationTrustOptions();

        Assert.True(options.SafetyNetRequireCtsProfileMatch);
        Assert.Equal(TimeSpan.FromMinutes(1), options.SafetyNetMaxAge);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void SafetyNetMaxAge_RejectsNonPositive(int seconds)
    {
        var options = new AttestationTrustOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.SafetyNetMaxAge = TimeSpan.FromSeconds(seconds));
    }
}
