using System.Reflection;
using Cpoms.TwoFactor.Core.Devices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Elevation.Tests;

public sealed class OptionsAndCatalogueTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(25 * 60)]
    public void AddElevation_RecentMaxAgeOutOfRange_FailsWithFixHint(int minutes)
    {
        using var host = new ElevationTestHost(configure: o => o.RecentElevationMaxAge = TimeSpan.FromMinutes(minutes));

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ElevationOptions>>().Value);

        Assert.Contains("RecentElevationMaxAge must be between 1 minute and 24 hours", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddElevation_BlankUserIdClaimType_Fails()
    {
        using var host = new ElevationTestHost(configure: o => o.UserIdClaimType = "");

        Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ElevationOptions>>().Value);
    }

    [Fact]
    public void AddElevation_CalledTwice_RegistersHandlersOnce()
    {
        var services = new ServiceCollection();
        services.AddCpomsTwoFactor(o => o.ApplicationName = "x").AddElevation().AddElevation();

        Assert.Equal(2, services.Count(d =>
            d.ServiceType == typeof(Microsoft.AspNetCore.Authorization.IAuthorizationHandler) &&
            d.ImplementationType?.Assembly == typeof(ElevationManager).Assembly));
    }

    [Theory]
    [InlineData("AuthenticatorApp", "otp")]
    [InlineData("SecurityKey", "hwk")]
    public void ForDeviceKind_BuiltInKinds_UseRfc8176Values(string kind, string expected)
    {
        Assert.Equal(expected, AmrValues.ForDeviceKind(new DeviceKind(kind)));
    }

    [Fact]
    public void ForDeviceKind_HostKind_IsNull()
    {
        Assert.Null(AmrValues.ForDeviceKind(new DeviceKind("HardwareToken")));
    }
}
