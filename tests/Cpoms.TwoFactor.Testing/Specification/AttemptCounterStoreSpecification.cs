using Cpoms.TwoFactor.Core.Stores;

namespace Cpoms.TwoFactor.Testing.Specification;

/// <summary>
/// The contract of <see cref="IAttemptCounterStore"/>, as its XML documentation states it. Derive once per
/// store implementation; every store must pass every test unchanged.
/// </summary>
public abstract class AttemptCounterStoreSpecification
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates the store under test. Each test calls it once, first; earlier tests' data may remain.</summary>
    protected abstract Task<IAttemptCounterStore> CreateStoreAsync();

    /// <summary>
    /// Another store over the same storage as <paramref name="store"/>, as a second application node would
    /// see it. In-process stores return the same instance.
    /// </summary>
    protected virtual IAttemptCounterStore CreateNode(IAttemptCounterStore store) => store;

    private static string NewKey() => "user:" + SpecificationData.NewUserId();

    [Fact]
    public async Task GetAsync_UnknownKey_ReturnsNone()
    {
        var store = await CreateStoreAsync();

        Assert.Equal(AttemptCounter.None, await store.GetAsync(NewKey(), Ct));
    }

    [Fact]
    public async Task IncrementAsync_FirstFailure_ReturnsOneAtThatTime()
    {
        var store = await CreateStoreAsync();

        var counter = await store.IncrementAsync(NewKey(), SpecificationData.Start, Ct);

        Assert.Equal(new AttemptCounter(1, SpecificationData.Start), counter);
    }

    [Fact]
    public async Task IncrementAsync_SecondFailure_CountsTwoAtTheLaterTime()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();
        await store.IncrementAsync(key, SpecificationData.Start, Ct);
        var later = SpecificationData.Start.AddSeconds(30);

        var counter = await CreateNode(store).IncrementAsync(key, later, Ct);

        Assert.Equal(new AttemptCounter(2, later), counter);
        Assert.Equal(counter, await store.GetAsync(key, Ct));
    }

    [Fact]
    public async Task IncrementAsync_ParallelFailures_CountsEveryOneAndReturnsEachCountOnce()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();
        var nodes = Enumerable.Range(0, Concurrently.Callers).Select(_ => CreateNode(store)).ToArray();

        var counters = await Concurrently.RunAsync(nodes.Length, i => nodes[i].IncrementAsync(key, SpecificationData.Start, Ct));

        Assert.Equal(Enumerable.Range(1, nodes.Length), counters.Select(c => c.ConsecutiveFailures).Order());
        Assert.Equal(nodes.Length, (await store.GetAsync(key, Ct)).ConsecutiveFailures);
    }

    [Fact]
    public async Task IncrementAsync_OtherKeys_AreCountedSeparately()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();
        await store.IncrementAsync(key, SpecificationData.Start, Ct);
        await store.IncrementAsync(key, SpecificationData.Start, Ct);

        var other = await store.IncrementAsync(key.ToUpperInvariant(), SpecificationData.Start, Ct);

        Assert.Equal(1, other.ConsecutiveFailures);
        Assert.Equal(2, (await store.GetAsync(key, Ct)).ConsecutiveFailures);
    }

    [Fact]
    public async Task ResetAsync_CountedKey_ReturnsToNone()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();
        await store.IncrementAsync(key, SpecificationData.Start, Ct);

        await CreateNode(store).ResetAsync(key, Ct);

        Assert.Equal(AttemptCounter.None, await store.GetAsync(key, Ct));
    }

    [Fact]
    public async Task IncrementAsync_AfterReset_StartsAgainAtOne()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();
        await store.IncrementAsync(key, SpecificationData.Start, Ct);
        await store.IncrementAsync(key, SpecificationData.Start, Ct);
        await store.ResetAsync(key, Ct);

        var counter = await store.IncrementAsync(key, SpecificationData.Start.AddMinutes(1), Ct);

        Assert.Equal(new AttemptCounter(1, SpecificationData.Start.AddMinutes(1)), counter);
    }

    [Fact]
    public async Task ResetAsync_UnknownKey_LeavesItAtNone()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();

        await store.ResetAsync(key, Ct);

        Assert.Equal(AttemptCounter.None, await store.GetAsync(key, Ct));
    }

    [Fact]
    public async Task ResetAsync_OtherKeys_KeepTheirCounts()
    {
        var store = await CreateStoreAsync();
        var key = NewKey();
        var other = NewKey();
        await store.IncrementAsync(key, SpecificationData.Start, Ct);
        await store.IncrementAsync(other, SpecificationData.Start, Ct);

        await store.ResetAsync(key, Ct);

        Assert.Equal(new AttemptCounter(1, SpecificationData.Start), await store.GetAsync(other, Ct));
    }
}
