using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Core.Stores.InMemory;
using Cpoms.TwoFactor.Testing.Specification;

namespace Cpoms.TwoFactor.Core.Tests.Stores;

// The shared store specifications run against the in-memory stores. Each test gets a new store; in-process
// stores are their own "second node", so the concurrency tests race threads on one instance.

public sealed class InMemoryDeviceStoreTests : DeviceStoreSpecification
{
    protected override Task<IDeviceStore> CreateStoreAsync() => Task.FromResult<IDeviceStore>(new InMemoryDeviceStore());
}

public sealed class InMemoryChallengeStoreTests : ChallengeStoreSpecification
{
    protected override Task<IChallengeStore> CreateStoreAsync() => Task.FromResult<IChallengeStore>(new InMemoryChallengeStore());
}

public sealed class InMemorySecurityEventStoreTests : SecurityEventStoreSpecification
{
    protected override Task<ISecurityEventStore> CreateStoreAsync() =>
        Task.FromResult<ISecurityEventStore>(new InMemorySecurityEventStore());
}

public sealed class InMemoryAttemptCounterStoreTests : AttemptCounterStoreSpecification
{
    protected override Task<IAttemptCounterStore> CreateStoreAsync() =>
        Task.FromResult<IAttemptCounterStore>(new InMemoryAttemptCounterStore());
}

public sealed class InMemoryTwoFactorStampStoreTests : TwoFactorStampStoreSpecification
{
    protected override Task<ITwoFactorStampStore> CreateStoreAsync() =>
        Task.FromResult<ITwoFactorStampStore>(new InMemoryTwoFactorStampStore());
}
