using Cpoms.TwoFactor.Core;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Core.Throttling;
using Cpoms.TwoFactor.WebAuthn;
using Cpoms.TwoFactor.WebAuthn.Attestation;
using Cpoms.TwoFactor.WebAuthn.Cose;
using Cpoms.TwoFactor.WebAuthn.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds security keys (WebAuthn) to Cpoms.TwoFactor.</summary>
public static class WebAuthnCpomsTwoFactorBuilderExtensions
{
    /// <summary>
    /// Adds the WebAuthn registration and authentication ceremonies: <see cref="WebAuthnRegistrationService"/> and
    /// <see cref="WebAuthnAuthenticationService"/> (scoped), a shared <see cref="CoseKeyCache"/> so that each
    /// credential's key is imported once, and <see cref="WebAuthnOptions"/>, validated at start-up (RP ID, origins,
    /// Android app hashes, cross-origin settings, timeout, legacy AppID).
    /// </summary>
    /// <remarks>
    /// Safe to call more than once: services are added with <c>TryAdd*</c>, and each <paramref name="configure"/> is
    /// applied in order. The services use the stores, security log, throttling and clock registered by
    /// <c>AddCpomsTwoFactor()</c>.
    /// </remarks>
    /// <param name="builder">The builder from <c>AddCpomsTwoFactor()</c>.</param>
    /// <param name="configure">Configures <see cref="WebAuthnOptions"/>; at least the RP ID must be set.</param>
    /// <returns>The same builder.</returns>
    public static CpomsTwoFactorBuilder AddWebAuthn(this CpomsTwoFactorBuilder builder, Action<WebAuthnOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        var options = services.AddOptions<WebAuthnOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebAuthnOptions>, WebAuthnOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<WebAuthnOptions>, WebAuthnOptionsPostConfigure>());

        services.TryAddSingleton(_ => new CoseKeyCache());
        services.TryAddSingleton(sp => new RelyingPartyPolicyProvider(sp.GetRequiredService<IOptionsMonitor<WebAuthnOptions>>()));
        services.TryAddSingleton(sp =>
        {
            var monitor = sp.GetRequiredService<IOptionsMonitor<WebAuthnOptions>>();
            return new AttestationVerifier(() => monitor.CurrentValue.Attestation, sp.GetRequiredService<TimeProvider>());
        });

        services.TryAddScoped(sp => new WebAuthnRegistrationService(
            sp.GetRequiredService<RelyingPartyPolicyProvider>(),
            sp.GetRequiredService<IOptionsMonitor<TwoFactorOptions>>(),
            sp.GetRequiredService<IChallengeStore>(),
            sp.GetRequiredService<IDeviceStore>(),
            sp.GetRequiredService<DeviceManager>(),
            sp.GetRequiredService<ISecurityLog>(),
            sp.GetRequiredService<AttestationVerifier>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WebAuthnRegistrationService>>()));

        services.TryAddScoped(sp => new WebAuthnAuthenticationService(
            sp.GetRequiredService<RelyingPartyPolicyProvider>(),
            sp.GetRequiredService<IOptionsMonitor<TwoFactorOptions>>(),
            sp.GetRequiredService<IChallengeStore>(),
            sp.GetRequiredService<IDeviceStore>(),
            sp.GetRequiredService<DeviceManager>(),
            sp.GetRequiredService<ISecurityLog>(),
            sp.GetRequiredService<IAttemptThrottle>(),
            sp.GetRequiredService<CoseKeyCache>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WebAuthnAuthenticationService>>()));

        return builder;
    }
}
