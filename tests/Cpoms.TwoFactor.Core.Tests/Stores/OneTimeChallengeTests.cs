using System.Text.RegularExpressions;
using Cpoms.TwoFactor.Core.Stores;

namespace Cpoms.TwoFactor.Core.Tests.Stores;

public sealed partial class OneTimeChallengeTests
{
    [Fact]
    public void CreateId_Is128BitsOfBase64UrlWithoutPadding()
    {
        Assert.Matches(Base64Url22(), OneTimeChallenge.CreateId());
    }

    [Fact]
    public void CreateId_IsNewEachTime()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => OneTimeChallenge.CreateId()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(1000, ids.Count);
    }

    // 22 characters carry 132 bits; the last one holds 2 bits of data and 4 zero bits (one of A, Q, g, w).
    [GeneratedRegex("^[A-Za-z0-9_-]{21}[AQgw]$")]
    private static partial Regex Base64Url22();
}
