using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Testing;
using Cpoms.TwoFactor.Testing.Specification;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Tests.DependencyInjection;

// Two application nodes, each with its own service provider wired the way a host wires it
// (AddDbContext + AddCpomsTwoFactor().UseEntityFrameworkCore<TContext>()), sharing one PostgreSQL schema.
public sealed class TwoNodeTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private ServiceProvider? _nodeA;
    private ServiceProvider? _nodeB;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider NodeA => _nodeA ??= CreateNode();

    private ServiceProvider NodeB => _nodeB ??= CreateNode();

    public void Dispose()
    {
        _nodeA?.Dispose();
        _nodeB?.Dispose();
    }

    private ServiceProvider CreateNode()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(database.Schema);
        services.AddDbContext<TestDbContext>(o => TestDbContext.Configure(o, database.ConnectionString));
        services.AddCpomsTwoFactor(o => o.ApplicationName = "Contoso").UseEntityFrameworkCore<TestDbContext>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static async Task<T> InRequestAsync<T>(ServiceProvider node, Func<IServiceProvider, Task<T>> request)
    {
        await using var scope = node.CreateAsyncScope();
        return await request(scope.ServiceProvider);
    }

    [Fact]
    public async Task AddAsync_OnOneNode_IsSeenWithItsStampAndLogOnTheOther()
    {
        database.Require();
        var device = SpecificationData.SecurityKey(SpecificationData.NewUserId());
        var stampBefore = await InRequestAsync(NodeB, s => s.GetRequiredService<DeviceManager>().GetStampAsync(device.UserId, Ct));
        _time.Advance(TimeSpan.FromSeconds(1));

        var added = await InRequestAsync(NodeA, s => s.GetRequiredService<DeviceManager>().AddAsync(device, Ct));

        Assert.True(added.Succeeded);
        var (listed, stampAfter, log) = await InRequestAsync(NodeB, async s =>
        {
            var manager = s.GetRequiredService<DeviceManager>();
            return (await manager.ListAsync(device.UserId, Ct),
                await manager.GetStampAsync(device.UserId, Ct),
                await s.GetRequiredService<ISecurityLog>().ListAsync(device.UserId, 10, Ct));
        });
        StoreAssert.Equal(device, Assert.Single(listed));
        Assert.NotEqual(stampBefore, stampAfter);
        Assert.Equal(SecurityEventTypes.DeviceAdded, Assert.Single(log).Type);
    }

    [Fact]
    public async Task ResetAsync_OnOneNode_RemovesTheDevicesForTheOther()
    {
        database.Require();
        var userId = SpecificationData.NewUserId();
        var device = SpecificationData.AuthenticatorApp(userId);
        await InRequestAsync(NodeA, s => s.GetRequiredService<DeviceManager>().AddAsync(device, Ct));
        _time.Advance(TimeSpan.FromSeconds(1));

        var removed = await InRequestAsync(NodeB, s => s.GetRequiredService<DeviceManager>().ResetAsync(userId, "admin-7", Ct));

        Assert.Equal([device.Id], StoreAssert.Ids(removed));
        var (remaining, log) = await InRequestAsync(NodeA, async s =>
            (await s.GetRequiredService<DeviceManager>().ListAsync(userId, Ct),
             await s.GetRequiredService<ISecurityLog>().ListAsync(userId, 10, Ct)));
        Assert.Empty(remaining);
        Assert.Equal(SecurityEventTypes.DevicesReset, log[0].Type);
        Assert.Equal("admin-7", log[0].ActorId);
    }

    [Fact]
    public async Task TryConsumeAsync_ChallengeConsumedOnOneNode_IsGoneOnTheOther()
    {
        database.Require();
        var challenge = SpecificationData.Challenge(SpecificationData.NewUserId());
        await InRequestAsync(NodeA, async s =>
        {
            await s.GetRequiredService<IChallengeStore>().AddAsync(challenge, Ct);
            return true;
        });
        var now = SpecificationData.Start.AddSeconds(10);

        var first = await InRequestAsync(NodeB, s =>
            s.GetRequiredService<IChallengeStore>().TryConsumeAsync(challenge.Id, challenge.UserId, challenge.Purpose, now, Ct));
        var second = await InRequestAsync(NodeA, s =>
            s.GetRequiredService<IChallengeStore>().TryConsumeAsync(challenge.Id, challenge.UserId, challenge.Purpose, now, Ct));

        StoreAssert.Equal(challenge, first);
        Assert.Null(second);
    }
}
