using Cpoms.TwoFactor.WebAuthn.Attestation;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn;

/// <summary>
/// Relying-party settings for security keys (WebAuthn Level 3). Validated at start-up: a wrong RP ID or origin
/// would make every key fail, so the host does not start until they are consistent.
/// </summary>
public sealed class WebAuthnOptions
{
    /// <summary>
    /// The RP ID (WebAuthn §5.1.2): a domain such as <c>contoso.example</c>, without scheme, port or path. It must
    /// equal the host of every web origin in <see cref="Origins"/> or be a parent domain of it. Keys are bound to it
    /// for ever: changing it later makes every registered key unusable. Required.
    /// </summary>
    /// <remarks>
    /// The start-up check does not consult the public suffix list, so it cannot refuse a public suffix such as
    /// <c>co.uk</c>; browsers refuse such an RP ID at the first ceremony.
    /// </remarks>
    public string RelyingPartyId { get; set; } = "";

    /// <summary>
    /// The name some authenticators show while a key is registered. Defaults to
    /// <see cref="Core.TwoFactorOptions.ApplicationName"/>.
    /// </summary>
    public string RelyingPartyName { get; set; } = "";

    /// <summary>
    /// The web origins (<c>scheme://host[:port]</c>) pages that use security keys are served from. A response is
    /// accepted only when its <c>clientDataJSON.origin</c> equals one of them exactly (scheme, host and port).
    /// <c>https</c> is required except for <c>localhost</c>, where <c>http</c> is allowed for development.
    /// Defaults to <c>https://</c> + <see cref="RelyingPartyId"/> when left empty.
    /// </summary>
    public IList<string> Origins { get; } = new List<string>();

    /// <summary>
    /// SHA-256 hashes of Android APK signing certificates, base64url without padding (43 characters). Native Android
    /// apps using the platform credential API report the origin <c>android:apk-key-hash:&lt;hash&gt;</c>; such an
    /// origin is accepted only when its hash is listed here. Empty by default: no app origins are accepted.
    /// </summary>
    public IList<string> AllowedAndroidApkKeyHashes { get; } = new List<string>();

    /// <summary>
    /// Whether a key may be used inside an iframe that is not same-origin with its ancestors
    /// (<c>clientDataJSON.crossOrigin</c> = true). Default <see langword="false"/>: such responses are refused,
    /// which prevents another site from framing this site's sign-in.
    /// </summary>
    public bool AllowCrossOrigin { get; set; }

    /// <summary>
    /// The top-level origins allowed to frame this site's key ceremonies, matched exactly against
    /// <c>clientDataJSON.topOrigin</c>. Requires <see cref="AllowCrossOrigin"/>. Empty by default: a response that
    /// carries a <c>topOrigin</c> is refused.
    /// </summary>
    public IList<string> AllowedTopOrigins { get; } = new List<string>();

    /// <summary>
    /// Whether the key must verify the user (PIN or biometric). Default <see cref="WebAuthnUserVerification.Discouraged"/>:
    /// a security key here is a second factor after the password, so touching it is enough. With
    /// <see cref="WebAuthnUserVerification.Required"/> both ceremonies refuse responses without the UV flag.
    /// </summary>
    public WebAuthnUserVerification UserVerification { get; set; } = WebAuthnUserVerification.Discouraged;

    /// <summary>
    /// Whether registration asks for a discoverable credential (passkey stored on the key). Default
    /// <see cref="WebAuthnResidentKey.Discouraged"/>: sign-in always names the user first, and discoverable
    /// credentials use up the limited storage of hardware keys.
    /// </summary>
    public WebAuthnResidentKey ResidentKey { get; set; } = WebAuthnResidentKey.Discouraged;

    /// <summary>
    /// The signature algorithms new keys may use, in order of preference (the options' <c>pubKeyCredParams</c>).
    /// Default ES256, EdDSA, ES384, ES512, PS256, RS256. Registration refuses a key whose algorithm is not listed
    /// (WebAuthn §7.1 step 20). Every entry must be an algorithm <see cref="CoseKey"/> can verify.
    /// </summary>
    public IList<CoseAlgorithm> Algorithms { get; } = new List<CoseAlgorithm>
    {
        CoseAlgorithm.ES256, CoseAlgorithm.EdDSA, CoseAlgorithm.ES384, CoseAlgorithm.ES512, CoseAlgorithm.PS256, CoseAlgorithm.RS256,
    };

    /// <summary>
    /// Which keys registration accepts judged by their attestation (trust anchors, AAGUID allow-list, none/self
    /// attestation). The defaults accept any correctly signed attestation and request none (attestation conveyance
    /// <c>none</c>); configuring trust anchors, <see cref="AttestationTrustOptions.RequireTrustedAttestation"/> or an
    /// AAGUID allow-list makes registration request <c>direct</c> attestation.
    /// </summary>
    public AttestationTrustOptions Attestation { get; } = new();

    /// <summary>
    /// How long the browser waits for the user (the options' <c>timeout</c>). Default 2 minutes; 10 seconds to
    /// 10 minutes. The challenge itself lives for <see cref="Core.TwoFactorOptions.ChallengeLifetime"/>.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The AppID (an absolute <c>https</c> URL such as <c>https://contoso.example/u2f/appid.json</c>) that keys
    /// registered with the legacy U2F JavaScript API were bound to. When set, sign-in with a key marked
    /// <see cref="Core.Devices.SecurityKeyData.IsLegacyU2F"/> requests the <c>appid</c> extension
    /// (WebAuthn §10.1.1) so those keys keep working. <see langword="null"/> by default.
    /// </summary>
    public string? LegacyAppId { get; set; }
}

/// <summary>The user-verification requirement of a ceremony (WebAuthn §5.8.6).</summary>
public enum WebAuthnUserVerification
{
    /// <summary>Do not ask for a PIN or biometric; the UV flag is ignored.</summary>
    Discouraged = 0,

    /// <summary>Ask for user verification when the key can do it; the UV flag is not required.</summary>
    Preferred = 1,

    /// <summary>Require user verification: responses without the UV flag are refused.</summary>
    Required = 2,
}

/// <summary>Whether registration asks for a discoverable (client-side) credential (WebAuthn §5.4.6).</summary>
public enum WebAuthnResidentKey
{
    /// <summary>Prefer a server-side credential; saves key storage.</summary>
    Discouraged = 0,

    /// <summary>Prefer a discoverable credential when the authenticator can make one.</summary>
    Preferred = 1,

    /// <summary>Require a discoverable credential; authenticators that cannot make one fail the ceremony.</summary>
    Required = 2,
}
