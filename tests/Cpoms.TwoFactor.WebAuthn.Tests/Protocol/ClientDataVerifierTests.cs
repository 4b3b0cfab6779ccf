using System.Text;

using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.WebAuthn.Protocol;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Protocol;

public sealed class ClientDataVerifierTests
{
    // 32 bytes 0x00..0x1F; its base64url form is written out by hand below (independent of the codec).
    private static readonly byte[] Challenge = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private const string ChallengeText = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    private static readonly RelyingPartyPolicy Policy = new(
        "contoso.example",
        ["https://contoso.example", "https://login.contoso.example:8443"],
        ["gx7sq_pxhxhrIQdLyfG0pxKwiJ7hOk2DJQ4xvKd438Q"],
        allowCrossOrigin: false,
        topOrigins: []);

    private static readonly RelyingPartyPolicy CrossOriginPolicy = new(
        "contoso.example", ["https://contoso.example"], [], allowCrossOrigin: true, topOrigins: ["https://portal.example"]);

    private static TwoFactorError? Verify(string json, RelyingPartyPolicy? policy = null, string type = "webauthn.get") =>
        ClientDataVerifier.Verify(Encoding.UTF8.GetBytes(json), Encoding.UTF8.GetBytes(type), Challenge, policy ?? Policy);

    [Theory]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\",\"crossOrigin\":false}")]
    [InlineData("{\"origin\":\"https://contoso.example\",\"challenge\":\"" + ChallengeText + "\",\"type\":\"webauthn.get\"}")]
    [InlineData("{\r\n  \"type\" : \"webauthn.get\",\r\n  \"challenge\" : \"" + ChallengeText + "\",\r\n  \"origin\" : \"https://contoso.example\"\r\n}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https:\\/\\/contoso.example\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\",\"other_keys_can_be_added_here\":\"do not compare clientDataJSON against a template. See https://goo.gl/yabPex\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\",\"tokenBinding\":{\"status\":\"supported\"},\"androidPackageName\":\"com.android.chrome\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://login.contoso.example:8443\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"android:apk-key-hash:gx7sq_pxhxhrIQdLyfG0pxKwiJ7hOk2DJQ4xvKd438Q\"}")]
    [InlineData("{\"type\":\"webauthn\\u002Eget\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\"}")]
    [InlineData("\uFEFF{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\"}")]
    public void Verify_ValidClientData_Passes(string json)
    {
        Assert.Null(Verify(json));
    }

    [Fact]
    public void Verify_RegistrationTypeForAssertion_FailsWithTypeMismatch()
    {
        var json = "{\"type\":\"webauthn.create\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\"}";
        Assert.Same(WebAuthnErrors.ClientDataTypeMismatch, Verify(json));
    }

    [Theory]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh4")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh9")]
    [InlineData("")]
    public void Verify_OtherChallenge_FailsWithChallengeMismatch(string challenge)
    {
        var json = "{\"type\":\"webauthn.get\",\"challenge\":\"" + challenge + "\",\"origin\":\"https://contoso.example\"}";
        Assert.Same(WebAuthnErrors.ChallengeMismatch, Verify(json));
    }

    [Theory]
    [InlineData("https://contoso.example:8443")]
    [InlineData("http://contoso.example")]
    [InlineData("https://evil.example")]
    [InlineData("https://contoso.example/")]
    [InlineData("https://CONTOSO.example")]
    [InlineData("https://login.contoso.example")]
    [InlineData("android:apk-key-hash:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Verify_UnexpectedOrigin_FailsWithOriginMismatch(string origin)
    {
        var json = "{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"" + origin + "\"}";
        Assert.Same(WebAuthnErrors.OriginMismatch, Verify(json));
    }

    [Fact]
    public void Verify_CrossOriginWhenNotAllowed_FailsWithCrossOriginNotAllowed()
    {
        var json = "{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\",\"crossOrigin\":true}";
        Assert.Same(WebAuthnErrors.CrossOriginNotAllowed, Verify(json));
    }

    [Fact]
    public void Verify_CrossOriginWithAllowedTopOrigin_Passes()
    {
        var json = "{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\",\"crossOrigin\":true,\"topOrigin\":\"https://portal.example\"}";
        Assert.Null(Verify(json, CrossOriginPolicy));
    }

    [Fact]
    public void Verify_CrossOriginWithOtherTopOrigin_FailsWithTopOriginNotAllowed()
    {
        var json = "{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\",\"crossOrigin\":true,\"topOrigin\":\"https://evil.example\"}";
        Assert.Same(WebAuthnErrors.TopOriginNotAllowed, Verify(json, CrossOriginPolicy));
    }

    [Fact]
    public void Verify_TopOriginWithoutCrossOriginPolicy_FailsWithCrossOriginNotAllowed()
    {
        var json = "{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\",\"crossOrigin\":true,\"topOrigin\":\"https://portal.example\"}";
        Assert.Same(WebAuthnErrors.CrossOriginNotAllowed, Verify(json));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"origin\":\"https://contoso.example\"}")]
    [InlineData("{\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\"} x")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\",}")]
    [InlineData("{\"type\":\"webauthn.get\",\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://evil.example\",\"origin\":\"https://contoso.example\"}")]
    [InlineData("{\"type\":1,\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\",\"crossOrigin\":\"false\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\" /* c */}")]
    public void Verify_MalformedJson_FailsWithMalformedResponse(string json)
    {
        Assert.Same(WebAuthnErrors.MalformedResponse, Verify(json));
    }

    [Fact]
    public void Verify_InvalidUtf8_FailsWithMalformedResponse()
    {
        var json = Encoding.UTF8.GetBytes("{\"type\":\"webauthn.get\",\"challenge\":\"" + ChallengeText + "\",\"origin\":\"https://contoso.example\",\"x\":\"\"}").ToList();
        json.Insert(json.Count - 2, 0xC3);
        Assert.Same(WebAuthnErrors.MalformedResponse,
            ClientDataVerifier.Verify(json.ToArray(), "webauthn.get"u8, Challenge, Policy));
    }
}
