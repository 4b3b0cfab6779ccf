using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.Totp.Tests;

public sealed class TotpCatalogueTests
{
    private static IEnumerable<TwoFactorError> AllErrors() =>
    [
        TotpErrors.InvalidCode, TotpErrors.CodeFormat(6), TotpErrors.CodeReplayed, TotpErrors.NoAuthenticatorApp,
        TotpErrors.ClockDrift(TimeSpan.FromSeconds(90)),
    ];

    [Fact]
    public void Errors_CodesArePrefixedAndUnique()
    {
        var codes = AllErrors().Select(e => e.Code).ToArray();

        Assert.All(codes, c => Assert.StartsWith("totp.", c, StringComparison.Ordinal));
        Assert.Equal(codes.Length, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void InvalidCode_UsesUserGuideWording() =>
        Assert.Equal("Incorrect or out of date code", TotpErrors.InvalidCode.Message);

    [Fact]
    public void CodeFormat_UsesUserGuideWording() =>
        Assert.Equal("Please enter the 6-digit code you see on your device", TotpErrors.CodeFormat(6).Message);

    [Theory]
    [InlineData(90, "about 90 seconds fast")]
    [InlineData(-300, "about 300 seconds slow")]
    public void ClockDrift_SaysHowFarAndWhichWay(int seconds, string expected) =>
        Assert.Contains(expected, TotpErrors.ClockDrift(TimeSpan.FromSeconds(seconds)).Message, StringComparison.Ordinal);

    [Fact]
    public void ClockDrift_TellsUserToSetTimeAutomatically() =>
        Assert.Contains("update automatically", TotpErrors.ClockDrift(TimeSpan.FromMinutes(2)).Message, StringComparison.Ordinal);
}
