using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.EntityFrameworkCore.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Tests.DependencyInjection;

public sealed class UseEntityFrameworkCoreTests
{
    public static TheoryData<Type, Type> Stores => new()
    {
        { typeof(IDeviceStore), typeof(EntityFrameworkDeviceStore<TestDbContext>) },
        { typeof(IChallengeStore), typeof(EntityFrameworkChallengeStore<TestDbContext>) },
        { typeof(ISecurityEventStore), typeof(EntityFrameworkSecurityEventStore<TestDbContext>) },
        { typeof(IAttemptCounterStore), typeof(EntityFrameworkAttemptCounterStore<TestDbContext>) },
        { typeof(ITwoFactorStampStore), typeof(EntityFrameworkTwoFactorStampStore<TestDbContext>) },
    };

    private static ServiceCollection Services()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new TestSchema(null));
        services.AddDbContext<TestDbContext>(o => TestDbContext.Configure(o, PostgresDatabase.DefaultConnectionString));
        return services;
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void UseEntityFrameworkCore_StoreService_IsReplacedByAScopedEntityFrameworkStore(Type service, Type implementation)
    {
        var services = Services();

        services.AddCpomsTwoFactor().UseEntityFrameworkCore<TestDbContext>();

        var descriptor = Assert.Single(services, d => d.ServiceType == service);
        Assert.Equal(implementation, descriptor.ImplementationType);
        Assert.Equal(ServiceLifetime.Scoped, descriptor.Lifetime);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void UseEntityFrameworkCore_CalledTwice_KeepsOneRegistration(Type service, Type implementation)
    {
        var services = Services();

        services.AddCpomsTwoFactor().UseEntityFrameworkCore<TestDbContext>().UseEntityFrameworkCore<TestDbContext>();

        Assert.Equal(implementation, Assert.Single(services, d => d.ServiceType == service).ImplementationType);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void UseEntityFrameworkCore_ScopedProvider_ResolvesTheStore(Type service, Type implementation)
    {
        var services = Services();
        services.AddCpomsTwoFactor().UseEntityFrameworkCore<TestDbContext>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();

        Assert.IsType(implementation, scope.ServiceProvider.GetRequiredService(service));
    }

    [Fact]
    public void UseEntityFrameworkCore_OneScope_SharesTheContextWithTheHost()
    {
        var services = Services();
        services.AddCpomsTwoFactor().UseEntityFrameworkCore<TestDbContext>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();

        var manager = scope.ServiceProvider.GetRequiredService<DeviceManager>();

        Assert.NotNull(manager);
        Assert.Same(scope.ServiceProvider.GetRequiredService<TestDbContext>(), scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }

    [Fact]
    public void Store_ContextWithoutTheConfiguration_ExplainsWhatToCall()
    {
        using var context = new UnconfiguredDbContext(
            new DbContextOptionsBuilder<UnconfiguredDbContext>().UseNpgsql(PostgresDatabase.DefaultConnectionString).Options);

        var exception = Assert.Throws<InvalidOperationException>(() => new EntityFrameworkChallengeStore<UnconfiguredDbContext>(context));

        Assert.Contains("ApplyCpomsTwoFactorConfiguration()", exception.Message, StringComparison.Ordinal);
    }
}
