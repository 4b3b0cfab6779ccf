using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.EntityFrameworkCore.Stores;
using Cpoms.TwoFactor.Testing.Specification;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Tests.Stores;

// The shared store specifications against the EF Core stores on PostgreSQL. Each class has its own schema
// (PostgresDatabase); each test starts from empty tables. CreateNode gives a new context with its own
// connection, so the concurrency tests race like separate application nodes.

public sealed class EntityFrameworkDeviceStoreTests(PostgresDatabase database)
    : DeviceStoreSpecification, IClassFixture<PostgresDatabase>, IAsyncDisposable
{
    protected override async Task<IDeviceStore> CreateStoreAsync()
    {
        database.Require();
        await database.ClearAsync();
        return NewStore();
    }

    protected override IDeviceStore CreateNode(IDeviceStore store) => NewStore();

    private IDeviceStore NewStore() =>
        new EntityFrameworkDeviceStore<TestDbContext>(database.CreateContext(), NullLogger<EntityFrameworkDeviceStore<TestDbContext>>.Instance);

    public async ValueTask DisposeAsync() => await database.DisposeContextsAsync();
}

public sealed class EntityFrameworkChallengeStoreTests(PostgresDatabase database)
    : ChallengeStoreSpecification, IClassFixture<PostgresDatabase>, IAsyncDisposable
{
    protected override async Task<IChallengeStore> CreateStoreAsync()
    {
        database.Require();
        await database.ClearAsync();
        return NewStore();
    }

    protected override IChallengeStore CreateNode(IChallengeStore store) => NewStore();

    private IChallengeStore NewStore() =>
        new EntityFrameworkChallengeStore<TestDbContext>(database.CreateContext());

    public async ValueTask DisposeAsync() => await database.DisposeContextsAsync();
}

public sealed class EntityFrameworkSecurityEventStoreTests(PostgresDatabase database)
    : SecurityEventStoreSpecification, IClassFixture<PostgresDatabase>, IAsyncDisposable
{
    protected override async Task<ISecurityEventStore> CreateStoreAsync()
    {
        database.Require();
        await database.ClearAsync();
        return NewStore();
    }

    protected override ISecurityEventStore CreateNode(ISecurityEventStore store) => NewStore();

    private ISecurityEventStore NewStore() =>
        new EntityFrameworkSecurityEventStore<TestDbContext>(database.CreateContext());

    public async ValueTask DisposeAsync() => await database.DisposeContextsAsync();
}

public sealed class EntityFrameworkAttemptCounterStoreTests(PostgresDatabase database)
    : AttemptCounterStoreSpecification, IClassFixture<PostgresDatabase>, IAsyncDisposable
{
    protected override async Task<IAttemptCounterStore> CreateStoreAsync()
    {
        database.Require();
        await database.ClearAsync();
        return NewStore();
    }

    protected override IAttemptCounterStore CreateNode(IAttemptCounterStore store) => NewStore();

    private IAttemptCounterStore NewStore() =>
        new EntityFrameworkAttemptCounterStore<TestDbContext>(
            database.CreateContext(), NullLogger<EntityFrameworkAttemptCounterStore<TestDbContext>>.Instance);

    public async ValueTask DisposeAsync() => await database.DisposeContextsAsync();
}

public sealed class EntityFrameworkTwoFactorStampStoreTests(PostgresDatabase database)
    : TwoFactorStampStoreSpecification, IClassFixture<PostgresDatabase>, IAsyncDisposable
{
    protected override async Task<ITwoFactorStampStore> CreateStoreAsync()
    {
        database.Require();
        await database.ClearAsync();
        return NewStore();
    }

    protected override ITwoFactorStampStore CreateNode(ITwoFactorStampStore store) => NewStore();

    private ITwoFactorStampStore NewStore() =>
        new EntityFrameworkTwoFactorStampStore<TestDbContext>(
            database.CreateContext(), NullLogger<EntityFrameworkTwoFactorStampStore<TestDbContext>>.Instance);

    public async ValueTask DisposeAsync() => await database.DisposeContextsAsync();
}
