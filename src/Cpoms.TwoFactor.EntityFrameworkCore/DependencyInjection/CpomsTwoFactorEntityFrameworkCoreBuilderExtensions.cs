using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.EntityFrameworkCore.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Stores Cpoms.TwoFactor's data with Entity Framework Core.</summary>
public static class CpomsTwoFactorEntityFrameworkCoreBuilderExtensions
{
    /// <summary>
    /// Keeps devices, challenges, the security log, attempt counters and two-factor stamps in the host's
    /// <typeparamref name="TContext"/> instead of process memory, so that every node behind a load balancer
    /// shares them. One-time operations (a TOTP step, a challenge, a sign-count swap) take effect at most once
    /// across all nodes: each is a single conditional statement whose affected-row count decides.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Uses <c>Replace</c> for the five store services (<see cref="IDeviceStore"/>, <see cref="IChallengeStore"/>,
    /// <see cref="ISecurityEventStore"/>, <see cref="IAttemptCounterStore"/>, <see cref="ITwoFactorStampStore"/>),
    /// overriding the in-memory defaults and any earlier <c>Use*</c> store choice; calling it again with another
    /// context type switches to that one. The stores are scoped, like the context they use, so everything that
    /// depends on them must be scoped or transient too (Core's own consumers are).
    /// </para>
    /// <para>
    /// The host still registers the context (<c>AddDbContext&lt;TContext&gt;</c>), calls
    /// <c>modelBuilder.ApplyCpomsTwoFactorConfiguration()</c> in its <c>OnModelCreating</c> and creates the tables
    /// with its own migrations. Inserts (a new device, challenge, log entry, counter or stamp) call
    /// <c>SaveChangesAsync</c> on the shared scoped context, which also saves any unsaved changes the host
    /// has pending in it. Secrets reach the store already protected by Data Protection; for several nodes
    /// the Data Protection key ring must be shared too.
    /// </para>
    /// </remarks>
    /// <typeparam name="TContext">The host's context, whose model includes the Cpoms.TwoFactor tables.</typeparam>
    /// <param name="builder">The builder returned by <c>AddCpomsTwoFactor()</c>.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static CpomsTwoFactorBuilder UseEntityFrameworkCore<TContext>(this CpomsTwoFactorBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Replace(ServiceDescriptor.Scoped<IDeviceStore, EntityFrameworkDeviceStore<TContext>>());
        services.Replace(ServiceDescriptor.Scoped<IChallengeStore, EntityFrameworkChallengeStore<TContext>>());
        services.Replace(ServiceDescriptor.Scoped<ISecurityEventStore, EntityFrameworkSecurityEventStore<TContext>>());
        services.Replace(ServiceDescriptor.Scoped<IAttemptCounterStore, EntityFrameworkAttemptCounterStore<TContext>>());
        services.Replace(ServiceDescriptor.Scoped<ITwoFactorStampStore, EntityFrameworkTwoFactorStampStore<TContext>>());
        return builder;
    }
}
