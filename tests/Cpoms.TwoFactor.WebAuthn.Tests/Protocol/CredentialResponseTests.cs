using System.Text;

using Cpoms.TwoFactor.WebAuthn.Protocol;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Protocol;

public sealed class CredentialResponseTests
{
    private const string Assertion =
        "{\"id\":\"AQID\",\"rawId\":\"AQID\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\",\"authenticatorData\":\"BAU\",\"signature\":\"Bgc\"USERHANDLE},\"clientExtensionResults\":{},\"authenticatorAttachment\":null}";

    private static CredentialResponse? Parse(string json, bool registration = false) =>
        CredentialResponse.Parse(Encoding.UTF8.GetBytes(json), registration, out _);

    [Fact]
    public void Parse_Assertion_DecodesEveryMember()
    {
        var response = Parse(Assertion.Replace("USERHANDLE", ",\"userHandle\":\"CAk\"", StringComparison.Ordinal));

        Assert.NotNull(response);
        Assert.Equal([1, 2, 3], response.RawId);
        Assert.True(response.IsPublicKeyType);
        Assert.Equal("{}"u8.ToArray(), response.ClientDataJson);
        Assert.Equal([4, 5], response.AuthenticatorData);
        Assert.Equal([6, 7], response.Signature);
        Assert.Equal([8, 9], response.UserHandle);
    }

    [Theory]
    [InlineData(",\"userHandle\":\"\"")]
    [InlineData(",\"userHandle\":null")]
    [InlineData("")]
    public void Parse_EmptyNullOrMissingUserHandle_IsAbsent(string userHandle)
    {
        var response = Parse(Assertion.Replace("USERHANDLE", userHandle, StringComparison.Ordinal));

        Assert.NotNull(response);
        Assert.Null(response.UserHandle);
    }

    [Fact]
    public void Parse_MembersOfLaterVersions_AreIgnored()
    {
        var json = Assertion.Replace("USERHANDLE", ",\"futureMember\":{\"a\":[1,2]}", StringComparison.Ordinal)
            .Replace("\"type\"", "\"hints\":[\"security-key\"],\"type\"", StringComparison.Ordinal);

        Assert.NotNull(Parse(json));
    }

    [Fact]
    public void Parse_IdDifferentFromRawId_FailsWithCredentialIdMismatch()
    {
        CredentialResponse.Parse(
            Encoding.UTF8.GetBytes(Assertion.Replace("\"id\":\"AQID\"", "\"id\":\"AQIE\"", StringComparison.Ordinal).Replace("USERHANDLE", "", StringComparison.Ordinal)),
            registration: false,
            out var error);

        Assert.Same(WebAuthnErrors.CredentialIdMismatch, error);
    }

    [Theory]
    [InlineData("\"signature\":\"Bgc\"", "\"signature\":\"Bgc=\"")]
    [InlineData("\"signature\":\"Bgc\"", "\"signature\":\"Bg+\"")]
    [InlineData("\"signature\":\"Bgc\"", "\"signature\":7")]
    [InlineData("\"signature\":\"Bgc\"", "\"sig\":\"Bgc\"")]
    [InlineData("\"type\":\"public-key\",", "")]
    [InlineData("\"clientExtensionResults\":{}", "\"clientExtensionResults\":[]")]
    [InlineData("\"id\":\"AQID\",", "\"id\":\"AQID\",\"id\":\"AQID\",")]
    public void Parse_BrokenAssertion_FailsWithMalformedResponse(string find, string replace)
    {
        CredentialResponse.Parse(
            Encoding.UTF8.GetBytes(Assertion.Replace("USERHANDLE", "", StringComparison.Ordinal).Replace(find, replace, StringComparison.Ordinal)),
            registration: false,
            out var error);

        Assert.Same(WebAuthnErrors.MalformedResponse, error);
    }

    [Fact]
    public void Parse_RegistrationTransports_AreKeptOnceEach()
    {
        var response = Parse(
            "{\"id\":\"AQID\",\"rawId\":\"AQID\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\",\"attestationObject\":\"oA\",\"transports\":[\"usb\",\"nfc\",\"usb\"],\"publicKeyAlgorithm\":-7},\"clientExtensionResults\":{\"credProps\":{\"rk\":true}}}",
            registration: true);

        Assert.NotNull(response);
        Assert.Equal(["usb", "nfc"], response.Transports);
        Assert.Equal([0xA0], response.AttestationObject);
    }
}
