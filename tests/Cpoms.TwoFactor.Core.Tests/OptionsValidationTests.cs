using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Core.Tests;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        var options = Resolve(o => o.ApplicationName = "Contoso");

        Assert.Equal(TimeSpan.FromMinutes(5), options.ChallengeLifetime);
        Assert.Equal(100, options.Throttling.MaxConsecutiveFailures);
    }

    [Theory]
    [InlineData("ApplicationName")]
    [InlineData("ChallengeLifetime")]
    [InlineData("EnrollmentLifetime")]
    [InlineData("MaxConsecutiveFailures")]
    [InlineData("LockoutThreshold")]
    [InlineData("BaseDelay")]
    public void InvalidSetting_FailsWithMessageNamingIt(string setting)
    {
        Action<TwoFactorOptions> breakIt = setting switch
        {
            "ApplicationName" => o => o.ApplicationName = "",
            "ChallengeLifetime" => o => o.ChallengeLifetime = TimeSpan.FromSeconds(1),
            "EnrollmentLifetime" => o => o.EnrollmentLifetime = TimeSpan.FromDays(1),
            "MaxConsecutiveFailures" => o => o.Throttling.MaxConsecutiveFailures = 101,
            "LockoutThreshold" => o => o.Throttling.LockoutThreshold = 0,
            _ => o => o.Throttling.BaseDelay = TimeSpan.Zero,
        };

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(o =>
        {
            o.ApplicationName = "Contoso";
            breakIt(o);
        }));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    private static TwoFactorOptions Resolve(Action<TwoFactorOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddCpomsTwoFactor(configure);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<TwoFactorOptions>>().Value;
    }
}
