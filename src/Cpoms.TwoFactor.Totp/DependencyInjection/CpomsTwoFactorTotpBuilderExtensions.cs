using Cpoms.TwoFactor.Totp;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds authenticator-app ("soft key") devices to Cpoms.TwoFactor.</summary>
public static class CpomsTwoFactorTotpBuilderExtensions
{
    /// <summary>
    /// Adds RFC 6238 authenticator apps: <see cref="AuthenticatorAppEnrollment"/> and
    /// <see cref="AuthenticatorAppVerifier"/> (both scoped), and <see cref="TotpOptions"/>, validated at start-up
    /// (the issuer defaults to <see cref="Cpoms.TwoFactor.Core.TwoFactorOptions.ApplicationName"/>).
    /// </summary>
    /// <remarks>Safe to call more than once: services are added with <c>TryAdd*</c> and each
    /// <paramref name="configure"/> is applied in order.</remarks>
    /// <param name="builder">The builder from <c>AddCpomsTwoFactor()</c>.</param>
    /// <param name="configure">Configures <see cref="TotpOptions"/>.</param>
    /// <returns>The same builder.</returns>
    public static CpomsTwoFactorBuilder AddTotp(this CpomsTwoFactorBuilder builder, Action<TotpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<TotpOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TotpOptions>, TotpOptionsValidator>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<TotpOptions>, TotpOptionsPostConfigure>());
        builder.Services.TryAddScoped<AuthenticatorAppEnrollment>();
        builder.Services.TryAddScoped<AuthenticatorAppVerifier>();
        return builder;
    }
}
