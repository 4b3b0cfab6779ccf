using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Stores;

namespace Cpoms.TwoFactor.Testing.Specification;

/// <summary>
/// The contract of <see cref="ISecurityEventStore"/>, as its XML documentation states it. Derive once per
/// store implementation; every store must pass every test unchanged.
/// </summary>
public abstract class SecurityEventStoreSpecification
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates the store under test. Each test calls it once, first; earlier tests' data may remain.</summary>
    protected abstract Task<ISecurityEventStore> CreateStoreAsync();

    /// <summary>
    /// Another store over the same storage as <paramref name="store"/>, as a second application node would
    /// see it. In-process stores return the same instance.
    /// </summary>
    protected virtual ISecurityEventStore CreateNode(ISecurityEventStore store) => store;

    [Fact]
    public async Task ListAsync_AppendedEvent_ReturnsEveryField()
    {
        var store = await CreateStoreAsync();
        var appended = SpecificationData.Event(SpecificationData.NewUserId(), SpecificationData.Start);
        await store.AppendAsync(appended, Ct);

        var listed = await CreateNode(store).ListAsync(appended.UserId, 10, Ct);

        StoreAssert.Equal(appended, Assert.Single(listed));
    }

    [Fact]
    public async Task ListAsync_EventWithOnlyRequiredFields_ReturnsNullsForTheRest()
    {
        var store = await CreateStoreAsync();
        var appended = new SecurityEvent
        {
            Id = Guid.CreateVersion7(SpecificationData.Start),
            UserId = SpecificationData.NewUserId(),
            Type = SecurityEventTypes.DeviceAdded,
            Outcome = SecurityEventOutcome.Success,
            OccurredAt = SpecificationData.Start,
        };
        await store.AppendAsync(appended, Ct);

        StoreAssert.Equal(appended, Assert.Single(await store.ListAsync(appended.UserId, 10, Ct)));
    }

    [Fact]
    public async Task ListAsync_HostDefinedEventType_ReturnsItsIdAndName()
    {
        var store = await CreateStoreAsync();
        var appended = SpecificationData.Event(SpecificationData.NewUserId(), SpecificationData.Start, new SecurityEventType(9001, "HostAudit"));
        await store.AppendAsync(appended, Ct);

        Assert.Equal(new SecurityEventType(9001, "HostAudit"), Assert.Single(await store.ListAsync(appended.UserId, 10, Ct)).Type);
    }

    [Fact]
    public async Task ListAsync_EventsAppendedOutOfOrder_ReturnsNewestFirst()
    {
        var store = await CreateStoreAsync();
        var userId = SpecificationData.NewUserId();
        var first = SpecificationData.Event(userId, SpecificationData.Start);
        var second = SpecificationData.Event(userId, SpecificationData.Start.AddSeconds(1));
        var third = SpecificationData.Event(userId, SpecificationData.Start.AddHours(1));
        foreach (var securityEvent in new[] { second, third, first })
        {
            await store.AppendAsync(securityEvent, Ct);
        }

        var listed = await store.ListAsync(userId, 10, Ct);

        Assert.Equal([third.Id, second.Id, first.Id], listed.Select(e => e.Id));
    }

    [Fact]
    public async Task ListAsync_MoreEventsThanCount_ReturnsTheNewest()
    {
        var store = await CreateStoreAsync();
        var userId = SpecificationData.NewUserId();
        var events = Enumerable.Range(0, 5).Select(i => SpecificationData.Event(userId, SpecificationData.Start.AddMinutes(i))).ToArray();
        foreach (var securityEvent in events)
        {
            await store.AppendAsync(securityEvent, Ct);
        }

        var listed = await store.ListAsync(userId, 2, Ct);

        Assert.Equal([events[4].Id, events[3].Id], listed.Select(e => e.Id));
    }

    [Fact]
    public async Task ListAsync_ZeroCount_ReturnsEmpty()
    {
        var store = await CreateStoreAsync();
        var appended = SpecificationData.Event(SpecificationData.NewUserId(), SpecificationData.Start);
        await store.AppendAsync(appended, Ct);

        Assert.Empty(await store.ListAsync(appended.UserId, 0, Ct));
    }

    [Fact]
    public async Task ListAsync_OtherUsersEvents_AreNotReturned()
    {
        var store = await CreateStoreAsync();
        var mine = SpecificationData.Event(SpecificationData.NewUserId(), SpecificationData.Start);
        var theirs = SpecificationData.Event(SpecificationData.NewUserId(), SpecificationData.Start.AddMinutes(1));
        await store.AppendAsync(mine, Ct);
        await store.AppendAsync(theirs, Ct);

        Assert.Equal([mine.Id], (await store.ListAsync(mine.UserId, 10, Ct)).Select(e => e.Id));
    }

    [Fact]
    public async Task ListAsync_UserIdDifferingOnlyInCase_ReturnsEmpty()
    {
        var store = await CreateStoreAsync();
        var appended = SpecificationData.Event(SpecificationData.NewUserId(), SpecificationData.Start);
        await store.AppendAsync(appended, Ct);

        Assert.Empty(await store.ListAsync(appended.UserId.ToUpperInvariant(), 10, Ct));
    }

    [Fact]
    public async Task ListAsync_UnknownUser_ReturnsEmpty()
    {
        var store = await CreateStoreAsync();

        Assert.Empty(await store.ListAsync(SpecificationData.NewUserId(), 10, Ct));
    }

    [Fact]
    public async Task AppendAsync_ParallelAppends_KeepsEveryEvent()
    {
        var store = await CreateStoreAsync();
        var userId = SpecificationData.NewUserId();
        var nodes = Enumerable.Range(0, Concurrently.Callers).Select(_ => CreateNode(store)).ToArray();
        var events = nodes.Select((_, i) => SpecificationData.Event(userId, SpecificationData.Start.AddSeconds(i))).ToArray();

        await Concurrently.RunAsync(nodes.Length, async i =>
        {
            await nodes[i].AppendAsync(events[i], Ct);
            return true;
        });

        Assert.Equal(events.Reverse().Select(e => e.Id), (await store.ListAsync(userId, 100, Ct)).Select(e => e.Id));
    }
}
