using Cpoms.TwoFactor.Core.Devices;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Totp.Tests;

public sealed class TotpOptionsTests
{
    private static ValidateOptionsResult Validate(Action<TotpOptions> change)
    {
        var options = new TotpOptions { Issuer = "Contoso" };
        change(options);
        return new TotpOptionsValidator().Validate(null, options);
    }

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(Validate(_ => { }).Succeeded);

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Validate_SupportedDigits_Succeed(int digits) => Assert.True(Validate(o => o.Digits = digits).Succeeded);

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    public void Validate_Digits_OutOfRangeFails(int digits) =>
        Assert.Contains("TotpOptions.Digits", Validate(o => o.Digits = digits).FailureMessage, StringComparison.Ordinal);

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    [InlineData(601)]
    public void Validate_Period_OutOfRangeFails(int seconds) =>
        Assert.Contains("TotpOptions.Period", Validate(o => o.Period = TimeSpan.FromSeconds(seconds)).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void Validate_FractionalPeriod_Fails() =>
        Assert.Contains("whole number of seconds", Validate(o => o.Period = TimeSpan.FromMilliseconds(30_500)).FailureMessage, StringComparison.Ordinal);

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    public void Validate_WindowSteps_OutOfRangeFails(int steps) =>
        Assert.Contains("TotpOptions.WindowSteps", Validate(o => o.WindowSteps = steps).FailureMessage, StringComparison.Ordinal);

    [Theory]
    [InlineData(16)]
    [InlineData(19)]
    [InlineData(65)]
    public void Validate_SecretSize_OutOfRangeFails(int bytes) =>
        Assert.Contains("160 bits", Validate(o => o.SecretSizeBytes = bytes).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void Validate_UnknownAlgorithm_Fails() =>
        Assert.Contains("TotpOptions.Algorithm", Validate(o => o.Algorithm = (OtpAlgorithm)7).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void Validate_DriftRangeOverThirtyMinutes_Fails() =>
        Assert.Contains("DriftDetectionRange", Validate(o => o.DriftDetectionRange = TimeSpan.FromMinutes(31)).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void Validate_DriftRangeOverSixtyThreePeriods_Fails() =>
        Assert.Contains("at most 63 periods", Validate(o =>
        {
            o.Period = TimeSpan.FromSeconds(15);
            o.DriftDetectionRange = TimeSpan.FromMinutes(20);
        }).FailureMessage, StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("An issuer name that is much longer than the sixty-four characters allowed")]
    public void Validate_BadIssuer_Fails(string issuer) =>
        Assert.Contains("TotpOptions.Issuer", Validate(o => o.Issuer = issuer).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void Issuer_Unset_DefaultsToApplicationName()
    {
        using var provider = Build(o => o.ApplicationName = "CPOMS StudentSafe", null);

        Assert.Equal("CPOMS StudentSafe", provider.GetRequiredService<IOptions<TotpOptions>>().Value.Issuer);
    }

    [Fact]
    public void Issuer_Set_Kept()
    {
        using var provider = Build(o => o.ApplicationName = "App", o => o.Issuer = "Contoso Schools");

        Assert.Equal("Contoso Schools", provider.GetRequiredService<IOptions<TotpOptions>>().Value.Issuer);
    }

    [Fact]
    public void StartupValidation_BadOptions_Throws()
    {
        using var provider = Build(o => o.ApplicationName = "App", o => o.Digits = 4);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("TotpOptions.Digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTotp_Twice_RegistersServicesOnceAndAppliesBothConfigurations()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        var builder = services.AddCpomsTwoFactor(o => o.ApplicationName = "App");

        builder.AddTotp(o => o.Digits = 8).AddTotp(o => o.WindowSteps = 2);

        Assert.Single(services, d => d.ServiceType == typeof(AuthenticatorAppEnrollment));
        Assert.Single(services, d => d.ServiceType == typeof(AuthenticatorAppVerifier));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<TotpOptions>));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<TotpOptions>>().Value;
        Assert.Equal((8, 2), (options.Digits, options.WindowSteps));
    }

    [Fact]
    public void AddTotp_Services_AreScoped()
    {
        var services = new ServiceCollection();
        services.AddCpomsTwoFactor().AddTotp();

        Assert.All(
            services.Where(d => d.ServiceType == typeof(AuthenticatorAppEnrollment) || d.ServiceType == typeof(AuthenticatorAppVerifier)),
            d => Assert.Equal(ServiceLifetime.Scoped, d.Lifetime));
    }

    private static ServiceProvider Build(Action<Core.TwoFactorOptions> core, Action<TotpOptions>? totp)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddCpomsTwoFactor(core).AddTotp(totp);
        return services.BuildServiceProvider();
    }
}
