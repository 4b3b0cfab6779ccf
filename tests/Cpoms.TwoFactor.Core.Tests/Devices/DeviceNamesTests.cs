using Cpoms.TwoFactor.Core.Devices;

namespace Cpoms.TwoFactor.Core.Tests.Devices;

public sealed class DeviceNamesTests
{
    [Theory]
    [InlineData("iPad", "iPad")]
    [InlineData("  My Phone  ", "My Phone")]
    [InlineData("Tab\there", "Tab here")]
    [InlineData("Téléphone de Zoë", "Téléphone de Zoë")]
    public void Normalize_AcceptsAndCleansNames(string input, string expected)
    {
        var result = DeviceNames.Normalize(input);

        Assert.True(result.Succeeded);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u0001\u0002")]
    public void Normalize_RejectsMissingName(string? input)
    {
        var result = DeviceNames.Normalize(input);

        Assert.False(result.Succeeded);
        Assert.Equal("core.device_name_required", result.Error.Code);
    }

    [Fact]
    public void Normalize_RejectsNameLongerThanLimit()
    {
        var result = DeviceNames.Normalize(new string('x', DeviceNames.MaxLength + 1));

        Assert.False(result.Succeeded);
        Assert.Equal("core.device_name_too_long", result.Error.Code);
    }

    [Fact]
    public void Normalize_AcceptsNameAtLimit()
    {
        Assert.True(DeviceNames.Normalize(new string('x', DeviceNames.MaxLength)).Succeeded);
    }
}
