using Cpoms.TwoFactor.Core.Throttling;

namespace Cpoms.TwoFactor.Core.Tests.Throttling;

public sealed class ThrottlingOptionsTests
{
    private static string? Validate(Action<ThrottlingOptions> change)
    {
        var options = new TwoFactorOptions { ApplicationName = "Contoso" };
        change(options.Throttling);
        var result = new TwoFactorOptionsValidator().Validate(null, options);
        return result.Succeeded ? null : result.FailureMessage;
    }

    [Fact]
    public void Defaults_MatchTheDocumentedPolicy()
    {
        var options = new ThrottlingOptions();

        Assert.Equal(
            (3, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5), 10, TimeSpan.FromMinutes(15), 100),
            (options.FreeFailures, options.BaseDelay, options.MaxDelay, options.LockoutThreshold, options.LockoutDuration, options.MaxConsecutiveFailures));
    }

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.Null(Validate(_ => { }));

    [Fact]
    public void Validate_MoreThanOneHundredConsecutiveFailures_Fails() =>
        Assert.Contains("MaxConsecutiveFailures must be between 1 and 100", Validate(o => o.MaxConsecutiveFailures = 101), StringComparison.Ordinal);

    [Fact]
    public void Validate_LockoutThresholdAboveCap_Fails() =>
        Assert.Contains("LockoutThreshold", Validate(o => o.LockoutThreshold = 120), StringComparison.Ordinal);

    [Fact]
    public void Validate_FreeFailuresNotBelowThreshold_Fails() =>
        Assert.Contains("FreeFailures", Validate(o => o.FreeFailures = 10), StringComparison.Ordinal);

    [Fact]
    public void Validate_NonPositiveBaseDelay_Fails() =>
        Assert.Contains("BaseDelay", Validate(o => o.BaseDelay = TimeSpan.Zero), StringComparison.Ordinal);

    [Fact]
    public void Validate_BaseDelayAboveMaxDelay_Fails() =>
        Assert.Contains("BaseDelay", Validate(o => o.BaseDelay = TimeSpan.FromMinutes(10)), StringComparison.Ordinal);

    [Fact]
    public void Validate_NonPositiveLockoutDuration_Fails() =>
        Assert.Contains("LockoutDuration", Validate(o => o.LockoutDuration = TimeSpan.Zero), StringComparison.Ordinal);
}
