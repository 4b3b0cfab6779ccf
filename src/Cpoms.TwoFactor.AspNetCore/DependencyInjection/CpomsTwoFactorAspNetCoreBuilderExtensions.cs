using Cpoms.TwoFactor.AspNetCore;
using Cpoms.TwoFactor.AspNetCore.Http;
using Cpoms.TwoFactor.AspNetCore.RateLimiting;
using Cpoms.TwoFactor.Core.Context;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Plugs Cpoms.TwoFactor into ASP.NET Core.</summary>
public static class CpomsTwoFactorAspNetCoreBuilderExtensions
{
    /// <summary>
    /// Uses ASP.NET Core: replaces the client context with one read from the HTTP request (remote IP address;
    /// apply forwarded headers first when behind a proxy), adds <see cref="SessionElevator"/>, the stale-stamp
    /// check on every cookie scheme, problem details, and the <see cref="CpomsTwoFactorRateLimiting.PolicyName"/>
    /// rate limiter policy. Adds elevation (<c>AddElevation()</c>) if it was not added.
    /// </summary>
    /// <remarks>
    /// Safe to call more than once: services are added with <c>TryAdd*</c> and the client context accessor
    /// is replaced (the one <c>Replace</c> of this package). Options are validated at start-up. The host still
    /// calls <c>app.UseAuthentication()</c>, <c>app.UseAuthorization()</c>, <c>app.UseRateLimiter()</c> and
    /// <c>app.MapCpomsTwoFactor()</c>.
    /// </remarks>
    public static CpomsTwoFactorBuilder UseAspNetCore(this CpomsTwoFactorBuilder builder, Action<TwoFactorWebOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddElevation();

        var options = services.AddOptions<TwoFactorWebOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwoFactorWebOptions>, TwoFactorWebOptionsValidator>());
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Singleton<IClientContextAccessor, HttpClientContextAccessor>());
        services.TryAddScoped<SessionElevator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CookieAuthenticationOptions>, ElevationCookieValidation>());
        services.AddProblemDetails();
        if (!services.Any(d => d.ServiceType == typeof(TwoFactorRateLimiterMarker)))
        {
            services.AddSingleton<TwoFactorRateLimiterMarker>();
            services.AddRateLimiter(o => o.AddPolicy<string, TwoFactorRateLimiterPolicy>(CpomsTwoFactorRateLimiting.PolicyName));
        }

        return builder;
    }

    /// <summary>Records that the rate limiter policy is registered (a policy name can be added only once).</summary>
    private sealed class TwoFactorRateLimiterMarker;
}
