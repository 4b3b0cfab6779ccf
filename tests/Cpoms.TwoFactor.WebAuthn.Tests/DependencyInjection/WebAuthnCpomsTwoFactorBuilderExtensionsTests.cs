using Cpoms.TwoFactor.WebAuthn.Cose;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.WebAuthn.Tests.DependencyInjection;

public sealed class WebAuthnCpomsTwoFactorBuilderExtensionsTests
{
    [Fact]
    public void AddWebAuthn_CalledTwice_RegistersEachServiceOnceAndAppliesBothConfigurations()
    {
        var services = new ServiceCollection();
        var builder = services.AddCpomsTwoFactor(o => o.ApplicationName = "Contoso");
        builder.AddWebAuthn(o => o.RelyingPartyId = "contoso.example");
        builder.AddWebAuthn(o => o.Origins.Add("https://login.contoso.example"));
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(WebAuthnRegistrationService));
        Assert.Single(services, d => d.ServiceType == typeof(WebAuthnAuthenticationService));
        Assert.Single(services, d => d.ServiceType == typeof(CoseKeyCache));
        var options = provider.GetRequiredService<IOptions<WebAuthnOptions>>().Value;
        Assert.Equal("contoso.example", options.RelyingPartyId);
        Assert.Equal(["https://login.contoso.example"], options.Origins);
    }

    [Fact]
    public void AddWebAuthn_NoOrigins_DefaultsToTheRpIdOverHttps()
    {
        var services = new ServiceCollection();
        services.AddCpomsTwoFactor(o => o.ApplicationName = "Contoso").AddWebAuthn(o => o.RelyingPartyId = "contoso.example");
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<WebAuthnOptions>>().Value;

        Assert.Equal(["https://contoso.example"], options.Origins);
        Assert.Equal("Contoso", options.RelyingPartyName);
    }

    [Fact]
    public void AddWebAuthn_InvalidOptions_FailWithAMessageThatSaysWhatToFix()
    {
        var services = new ServiceCollection();
        services.AddCpomsTwoFactor(o => o.ApplicationName = "Contoso").AddWebAuthn(o =>
        {
            o.RelyingPartyId = "contoso.example";
            o.Origins.Add("https://evil.example");
        });
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<WebAuthnOptions>>().Value);

        Assert.Contains("https://evil.example", exception.Message, StringComparison.Ordinal);
    }
}
