namespace Cpoms.TwoFactor.WebAuthn;

/// <summary>
/// The first half of a ceremony: the options a page passes to the browser, and the handle the page sends back with
/// the browser's response.
/// </summary>
/// <param name="ChallengeId">
/// The one-time handle of the stored challenge. Send it back unchanged with the response; it is bound to the user
/// and the ceremony, and verifies at most once.
/// </param>
/// <param name="OptionsJson">
/// The WebAuthn Level 3 JSON options (<c>PublicKeyCredentialCreationOptionsJSON</c> for registration,
/// <c>PublicKeyCredentialRequestOptionsJSON</c> for authentication), to pass to
/// <c>PublicKeyCredential.parseCreationOptionsFromJSON()</c> / <c>parseRequestOptionsFromJSON()</c>. Binary members
/// are base64url without padding. Contains no secrets.
/// </param>
/// <param name="ExpiresAt">When the challenge stops being accepted (<see cref="Core.TwoFactorOptions.ChallengeLifetime"/> after issue).</param>
public sealed record WebAuthnCeremony(string ChallengeId, string OptionsJson, DateTimeOffset ExpiresAt);
