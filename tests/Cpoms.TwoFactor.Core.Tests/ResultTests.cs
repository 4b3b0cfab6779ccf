using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.Core.Tests;

public sealed class ResultTests
{
    [Fact]
    public void Failure_CarriesError()
    {
        TwoFactorResult<string> result = TwoFactorErrors.DeviceNotFound;

        Assert.False(result.Succeeded);
        Assert.Equal("core.device_not_found", result.Error.Code);
        Assert.Null(result.Value);
    }

    [Fact]
    public void Success_CarriesValue()
    {
        var result = TwoFactorResult.Success("x");

        Assert.True(result.Succeeded);
        Assert.Equal("x", result.Value);
        Assert.Null(result.Error);
    }

    [Fact]
    public void Throttled_CarriesRetryTimeInMessage()
    {
        var at = new DateTimeOffset(2026, 3, 9, 9, 36, 5, TimeSpan.Zero);

        var error = TwoFactorErrors.Throttled(at);

        Assert.Equal(at, error.RetryAt);
        Assert.Contains("9 March 2026 09:36:05", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_RejectsEmptyCode()
    {
        Assert.Throws<ArgumentException>(() => new TwoFactorError("", "message"));
    }
}
