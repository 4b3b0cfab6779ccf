using Cpoms.TwoFactor.WebAuthn.Protocol;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Protocol;

public sealed class WebOriginsTests
{
    [Theory]
    [InlineData("https://contoso.example", "https://contoso.example")]
    [InlineData("https://contoso.example/", "https://contoso.example")]
    [InlineData("HTTPS://Contoso.Example", "https://contoso.example")]
    [InlineData("https://contoso.example:443", "https://contoso.example")]
    [InlineData("https://contoso.example:8443", "https://contoso.example:8443")]
    [InlineData("http://localhost:5000", "http://localhost:5000")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000")]
    [InlineData("https://bücher.example", "https://xn--bcher-kva.example")]
    public void TryNormalize_Origin_GivesSerialization(string configured, string expected)
    {
        Assert.True(WebOrigins.TryNormalize(configured, out var origin, out _, out _));
        Assert.Equal(expected, origin);
    }

    [Theory]
    [InlineData("contoso.example")]
    [InlineData("https://contoso.example/login")]
    [InlineData("https://contoso.example?x=1")]
    [InlineData("https://user@contoso.example")]
    [InlineData("http://contoso.example")]
    [InlineData("ftp://contoso.example")]
    [InlineData("")]
    public void TryNormalize_NotAnOrigin_Fails(string configured)
    {
        Assert.False(WebOrigins.TryNormalize(configured, out _, out _, out _));
    }

    [Theory]
    [InlineData("contoso.example", "contoso.example", true)]
    [InlineData("contoso.example", "login.contoso.example", true)]
    [InlineData("contoso.example", "evilcontoso.example", false)]
    [InlineData("login.contoso.example", "contoso.example", false)]
    public void IsRpIdSuffixOf_Host_FollowsRegistrableSuffixRule(string rpId, string host, bool expected)
    {
        Assert.Equal(expected, WebOrigins.IsRpIdSuffixOf(rpId, host));
    }

    [Theory]
    [InlineData("contoso.example", true)]
    [InlineData("localhost", true)]
    [InlineData("Contoso.example", false)]
    [InlineData("https://contoso.example", false)]
    [InlineData("contoso.example:443", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("-contoso.example", false)]
    [InlineData("", false)]
    public void IsValidRpId_Value_ChecksDomainSyntax(string rpId, bool expected)
    {
        Assert.Equal(expected, WebOrigins.IsValidRpId(rpId));
    }
}
