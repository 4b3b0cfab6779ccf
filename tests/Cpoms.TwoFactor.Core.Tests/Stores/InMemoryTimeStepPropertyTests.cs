using Cpoms.TwoFactor.Core.Stores.InMemory;
using Cpoms.TwoFactor.Testing.Specification;
using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.Core.Tests.Stores;

// The TOTP replay guard against a model: for any sequence of submitted steps, the store accepts exactly the
// steps greater than every step it accepted before, and remembers the greatest.
public sealed class InMemoryTimeStepPropertyTests
{
    [Fact]
    public void TryAdvanceTimeStepAsync_AnySequenceOfSteps_AcceptsExactlyTheNewHighs()
    {
        Prop.ForAll<long[]>(async steps =>
        {
            var store = new InMemoryDeviceStore();
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
        }).QuickCheckThrowOnFailure();
    }
}
