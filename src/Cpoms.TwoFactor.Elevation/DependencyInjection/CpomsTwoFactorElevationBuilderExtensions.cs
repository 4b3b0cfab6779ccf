using Cpoms.TwoFactor.Elevation;
using Cpoms.TwoFactor.Elevation.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds session elevation to Cpoms.TwoFactor.</summary>
public static class CpomsTwoFactorElevationBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ElevationManager"/>, the <see cref="CpomsTwoFactorPolicies.Elevated"/> and
    /// <see cref="CpomsTwoFactorPolicies.RecentlyElevated"/> authorization policies and the handlers for
    /// <see cref="ElevatedSessionRequirement"/> and <see cref="GroupPermissionRequirement"/>.
    /// </summary>
    /// <remarks>
    /// Safe to call more than once: services are added with <c>TryAdd*</c>, and each
    /// <paramref name="configure"/> is applied in order. Options are validated at start-up. Register an
    /// <see cref="IUserGroupPermissions"/> to use group permissions; without one they are always denied.
    /// Elevation is read from the session's claims: re-issuing the session after a factor passes is the job
    /// of the web integration (<c>UseAspNetCore()</c>).
    /// </remarks>
    public static CpomsTwoFactorBuilder AddElevation(this CpomsTwoFactorBuilder builder, Action<ElevationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<ElevationOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ElevationOptions>, ElevationOptionsValidator>());
        services.TryAddScoped<ElevationManager>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IAuthorizationHandler, ElevatedSessionHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IAuthorizationHandler, GroupPermissionHandler>());
        services.AddAuthorizationCore();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<AuthorizationOptions>, ElevationPolicySetup>());
        return builder;
    }

    private sealed class ElevationPolicySetup : IConfigureOptions<AuthorizationOptions>
    {
        public void Configure(AuthorizationOptions options)
        {
            options.AddPolicy(CpomsTwoFactorPolicies.Elevated, p => p.RequireElevatedSession());
            options.AddPolicy(CpomsTwoFactorPolicies.RecentlyElevated, p => p.RequireRecentlyElevatedSession());
        }
    }
}
