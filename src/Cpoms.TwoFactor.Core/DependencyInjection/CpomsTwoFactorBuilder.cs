using System.ComponentModel;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <see cref="CpomsTwoFactorServiceCollectionExtensions.AddCpomsTwoFactor"/>. Each package adds
/// its features with <c>Add*</c> extension methods and picks infrastructure with <c>Use*</c> ones.
/// </summary>
public sealed class CpomsTwoFactorBuilder
{
    /// <summary>Wraps <paramref name="services"/>; call <c>AddCpomsTwoFactor()</c> instead.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public CpomsTwoFactorBuilder(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
    }

    /// <summary>The service collection the features are added to.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public IServiceCollection Services { get; }
}
