using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.Elevation.Tests;

public sealed class ElevationPropertyTests
{
    /// <summary>DESIGN invariant: any change to the user's devices (add, remove, reset) ends every earlier elevation.</summary>
    [Fact]
    public void AnyDeviceChange_RevokesEarlierElevation()
    {
        var changes = Gen.Elements(0, 1, 2).NonEmptyListOf().Select(l => l.Take(5).ToArray());
        Prop.ForAll(changes.ToArbitrary(), ops =>
        {
            using var host = new ElevationTestHost();
            var (principal, device) = host.ElevatedSessionAsync("u1").GetAwaiter().GetResult();
            foreach (var op in ops)
            {
                switch (op)
                {
                    case 0:
                        host.AddDeviceAsync("u1").GetAwaiter().GetResult();
                        break;
                    case 1:
                        var devices = host.Devices.ListAsync("u1").GetAwaiter().GetResult();
                        if (devices.Count > 0)
                        {
                            host.Devices.RemoveAsync("u1", devices[0].Id).GetAwaiter().GetResult();
                        }
                        else
                        {
                            host.AddDeviceAsync("u1").GetAwaiter().GetResult();
                        }

                        break;
                    default:
                        host.AddDeviceAsync("u1").GetAwaiter().GetResult();
                        host.Devices.ResetAsync("u1", "admin").GetAwaiter().GetResult();
                        break;
                }
            }

            return host.Elevation.GetStateAsync(principal).GetAwaiter().GetResult() == ElevationState.Revoked;
        }).QuickCheckThrowOnFailure();
    }
}
