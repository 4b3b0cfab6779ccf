using Cpoms.TwoFactor.EntityFrameworkCore.Stores;
using Cpoms.TwoFactor.Testing.Specification;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Tests.Stores;

// The TOTP replay guard against a model: for any sequence of submitted steps, the store accepts exactly the
// steps greater than every step it accepted before, and remembers the greatest.
public sealed class TimeStepPropertyTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await database.DisposeContextsAsync();

    [Fact]
    public void TryAdvanceTimeStepAsync_AnySequenceOfSteps_AcceptsExactlyTheNewHighs()
    {
        database.Require();
        var store = new EntityFrameworkDeviceStore<TestDbContext>(
            database.CreateContext(), NullLogger<EntityFrameworkDeviceStore<TestDbContext>>.Instance);

        Prop.ForAll<long[]>(async steps =>
        {
            var device = SpecificationData.AuthenticatorApp(SpecificationData.NewUserId());
            await store.TryAddAsync(device);
            long? highest = null;
            foreach (var step in steps)
            {
                var expected = highest is null || step > highest;
                if (await store.TryAdvanceTimeStepAsync(device.Id, step, 0) != expected)
                {
                    return false;
                }

                highest = expected ? step : highest;
            }

            return (await store.FindAsync(device.Id))!.AuthenticatorApp!.LastAcceptedTimeStep == highest;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }
}
