using Cpoms.TwoFactor.Core;
using Cpoms.TwoFactor.Core.Context;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Notifications;
using Cpoms.TwoFactor.Core.Protection;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Core.Stores.InMemory;
using Cpoms.TwoFactor.Core.Throttling;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Cpoms.TwoFactor.</summary>
public static class CpomsTwoFactorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Cpoms.TwoFactor core services: the device manager, security log, attempt throttling, secret
    /// protection (ASP.NET Core Data Protection) and, unless a <c>Use*</c> call replaces them, thread-safe
    /// in-memory stores suitable for development and single-node hosts.
    /// </summary>
    /// <remarks>
    /// Safe to call more than once: services are added with <c>TryAdd*</c>, and each
    /// <paramref name="configure"/> is applied in order. Options are validated at start-up.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures <see cref="TwoFactorOptions"/>.</param>
    /// <returns>The builder on which the feature packages add themselves.</returns>
    public static CpomsTwoFactorBuilder AddCpomsTwoFactor(this IServiceCollection services, Action<TwoFactorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<TwoFactorOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwoFactorOptions>, TwoFactorOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<TwoFactorOptions>, TwoFactorOptionsPostConfigure>());

        services.AddLogging();
        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<InMemoryUnitOfWork>();
        services.TryAddSingleton<ITwoFactorUnitOfWork>(static sp => sp.GetRequiredService<InMemoryUnitOfWork>());
        services.TryAddSingleton<IDeviceStore, InMemoryDeviceStore>();
        services.TryAddSingleton<IChallengeStore, InMemoryChallengeStore>();
        services.TryAddSingleton<ISecurityEventStore, InMemorySecurityEventStore>();
        services.TryAddSingleton<IAttemptCounterStore, InMemoryAttemptCounterStore>();
        services.TryAddSingleton<ITwoFactorStampStore, InMemoryTwoFactorStampStore>();

        services.TryAddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.TryAddSingleton<IClientContextAccessor, UnknownClientContextAccessor>();
        services.TryAddSingleton<IIpLocationResolver, NoIpLocationResolver>();
        services.TryAddSingleton<ITwoFactorNotifier, LoggingNotifier>();
        services.TryAddScoped<ISecurityLog, SecurityLog>();
        services.TryAddScoped<IAttemptThrottle, AttemptThrottle>();
        services.TryAddScoped<DeviceManager>();

        return new CpomsTwoFactorBuilder(services);
    }
}
