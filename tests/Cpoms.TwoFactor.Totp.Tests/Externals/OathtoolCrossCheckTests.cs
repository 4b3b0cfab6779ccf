using System.Globalization;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Testing;
using Cpoms.TwoFactor.Totp.Otp;

namespace Cpoms.TwoFactor.Totp.Tests.Externals;

/// <summary>
/// Our codes against oathtool (OATH Toolkit), an independent implementation, on random secrets, algorithms,
/// digits, periods and times. Skips when oathtool is absent (fails when CPOMS_REQUIRE_EXTERNALS=1).
/// </summary>
public sealed class OathtoolCrossCheckTests
{
    public static TheoryData<string, OtpAlgorithm, int, int, long> RandomCases()
    {
        var random = new Random(6238);
        var data = new TheoryData<string, OtpAlgorithm, int, int, long>();
        int[] periods = [30, 30, 60, 15, 45, 90];
        for (var i = 0; i < 24; i++)
        {
            var algorithm = (OtpAlgorithm)(i % 3);
            var secret = new byte[random.Next(16, 65)];
            random.NextBytes(secret);
            data.Add(
                Convert.ToHexString(secret),
                algorithm,
                6 + random.Next(3),
                periods[random.Next(periods.Length)],
                random.NextInt64(0, 4_102_444_800)); // 1970 to 2100
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public async Task WriteTotp_MatchesOathtool(string secretHex, OtpAlgorithm algorithm, int digits, int period, long unixTime)
    {
        var oathtool = Testing.Externals.RequireProgram("oathtool", "oathtool");
        var expected = await ExternalProgram.RunAsync(oathtool, OathtoolArguments(secretHex, algorithm, digits, period, unixTime), TestContext.Current.CancellationToken);

        var code = new char[8];
        var written = OneTimePassword.WriteTotp(
            Convert.FromHexString(secretHex), DateTimeOffset.FromUnixTimeSeconds(unixTime), TimeSpan.FromSeconds(period), algorithm, digits, code);

        Assert.Equal(expected, new string(code, 0, written));
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public async Task Base32Encode_ReadByOathtoolAsTheSameKey(string secretHex, OtpAlgorithm algorithm, int digits, int period, long unixTime)
    {
        var oathtool = Testing.Externals.RequireProgram("oathtool", "oathtool");
        var fromHex = await ExternalProgram.RunAsync(oathtool, OathtoolArguments(secretHex, algorithm, digits, period, unixTime), TestContext.Current.CancellationToken);

        var base32 = Base32.Encode(Convert.FromHexString(secretHex));
        var fromBase32 = await ExternalProgram.RunAsync(
            oathtool, ["-b", .. OathtoolArguments(base32, algorithm, digits, period, unixTime)], TestContext.Current.CancellationToken);

        Assert.Equal(fromHex, fromBase32);
    }

    private static string[] OathtoolArguments(string key, OtpAlgorithm algorithm, int digits, int period, long unixTime) =>
    [
        "--totp=" + KeyUri.AlgorithmName(algorithm),
        "--digits=" + digits.ToString(CultureInfo.InvariantCulture),
        "--time-step-size=" + period.ToString(CultureInfo.InvariantCulture) + "s",
        "--now=@" + unixTime.ToString(CultureInfo.InvariantCulture),
        key,
    ];
}
