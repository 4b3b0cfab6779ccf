using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.WebAuthn;

/// <summary>
/// The catalogue of the WebAuthn package's error codes (prefix <c>webauthn.</c>): one code per failure
/// category of the registration and authentication ceremonies. Codes are stable and safe to branch on;
/// messages are written for the person holding the key and may change.
/// </summary>
/// <remarks>
/// Challenge problems (unknown, used, expired, wrong purpose) use Core's
/// <see cref="TwoFactorErrors.ChallengeExpired"/>, a key that is registered already uses
/// <see cref="TwoFactorErrors.DuplicateDevice"/>, and throttling uses Core's throttling errors.
/// </remarks>
public static partial class WebAuthnErrors
{
    /// <summary>
    /// <c>webauthn.malformed_response</c>: the browser's response is not valid WebAuthn JSON, base64url, CBOR
    /// or authenticator data. Nothing was changed.
    /// </summary>
    public static TwoFactorError MalformedResponse { get; } =
        new("webauthn.malformed_response", "The security key's response could not be read. Please try again.");

    /// <summary><c>webauthn.credential_type_invalid</c>: the credential's <c>type</c> is not <c>public-key</c>.</summary>
    public static TwoFactorError CredentialTypeInvalid { get; } =
        new("webauthn.credential_type_invalid", "The browser returned a credential that is not a security key. Please try again.");

    /// <summary>
    /// <c>webauthn.credential_id_mismatch</c>: <c>id</c>, <c>rawId</c> and the credential ID in the authenticator
    /// data do not all agree.
    /// </summary>
    public static TwoFactorError CredentialIdMismatch { get; } =
        new("webauthn.credential_id_mismatch", "The security key's response is inconsistent. Please try again.");

    /// <summary><c>webauthn.client_data_type_mismatch</c>: <c>clientDataJSON.type</c> is not the expected ceremony.</summary>
    public static TwoFactorError ClientDataTypeMismatch { get; } =
        new("webauthn.client_data_type_mismatch", "The security key answered a different kind of request. Please try again.");

    /// <summary><c>webauthn.challenge_mismatch</c>: the signed challenge is not the one this server issued.</summary>
    public static TwoFactorError ChallengeMismatch { get; } =
        new("webauthn.challenge_mismatch", "The security key answered a different request. Please start again.");

    /// <summary><c>webauthn.origin_mismatch</c>: the page that used the key is not one of this site's origins.</summary>
    public static TwoFactorError OriginMismatch { get; } =
        new("webauthn.origin_mismatch", "The security key was used on a page that does not belong to this site.");

    /// <summary><c>webauthn.cross_origin_not_allowed</c>: the key was used inside a cross-origin frame, which is not allowed.</summary>
    public static TwoFactorError CrossOriginNotAllowed { get; } =
        new("webauthn.cross_origin_not_allowed", "The security key was used inside an embedded page, which this site does not allow.");

    /// <summary><c>webauthn.top_origin_not_allowed</c>: the page embedding the frame is not an allowed top-level origin.</summary>
    public static TwoFactorError TopOriginNotAllowed { get; } =
        new("webauthn.top_origin_not_allowed", "The security key was used inside a page that is not allowed to embed this site.");

    /// <summary><c>webauthn.rp_id_mismatch</c>: the key signed for a different site (relying party ID hash).</summary>
    public static TwoFactorError RpIdMismatch { get; } =
        new("webauthn.rp_id_mismatch", "The security key answered for a different site.");

    /// <summary><c>webauthn.user_presence_required</c>: the key did not report that someone touched it.</summary>
    public static TwoFactorError UserPresenceRequired { get; } =
        new("webauthn.user_presence_required", "Touch your security key when it flashes, then try again.");

    /// <summary>
    /// <c>webauthn.user_verification_required</c>: the policy requires user verification (PIN or biometric) and the
    /// key did not perform it.
    /// </summary>
    public static TwoFactorError UserVerificationRequired { get; } =
        new("webauthn.user_verification_required", "Your security key must check your PIN or fingerprint. Please try again and follow the key's prompt.");

    /// <summary><c>webauthn.backup_state_invalid</c>: the key reports "backed up" without being backup eligible.</summary>
    public static TwoFactorError BackupStateInvalid { get; } =
        new("webauthn.backup_state_invalid", "The security key's response is inconsistent. Please try again.");

    /// <summary><c>webauthn.algorithm_not_allowed</c>: the new key uses a signature algorithm this site did not ask for.</summary>
    public static TwoFactorError AlgorithmNotAllowed { get; } =
        new("webauthn.algorithm_not_allowed", "This security key uses a signature algorithm this site does not accept.");

    /// <summary><c>webauthn.attested_credential_data_missing</c>: a registration response carries no new credential.</summary>
    public static TwoFactorError AttestedCredentialDataMissing { get; } =
        new("webauthn.attested_credential_data_missing", "The security key did not create a credential. Please try again.");

    /// <summary>
    /// <c>webauthn.unknown_credential</c>: the key is not registered to this user (unknown to the site, or another
    /// user's: the two are not told apart).
    /// </summary>
    public static TwoFactorError UnknownCredential { get; } =
        new("webauthn.unknown_credential", "This security key is not registered to your account.");

    /// <summary>
    /// <c>webauthn.credential_not_allowed</c>: the key is the user's but was not offered in this request's
    /// <c>allowCredentials</c> (it was added after the request started).
    /// </summary>
    public static TwoFactorError CredentialNotAllowed { get; } =
        new("webauthn.credential_not_allowed", "This security key was not part of the request. Please start again.");

    /// <summary><c>webauthn.no_credentials</c>: the user has no security keys to sign in with.</summary>
    public static TwoFactorError NoCredentials { get; } =
        new("webauthn.no_credentials", "You have no security keys registered.");

    /// <summary><c>webauthn.user_handle_mismatch</c>: the key's user handle is not the one its credential was created for.</summary>
    public static TwoFactorError UserHandleMismatch { get; } =
        new("webauthn.user_handle_mismatch", "This security key belongs to a different account.");

    /// <summary><c>webauthn.signature_invalid</c>: the assertion signature does not verify with the registered public key.</summary>
    public static TwoFactorError SignatureInvalid { get; } =
        new("webauthn.signature_invalid", "The security key's signature is not valid.");

    /// <summary>
    /// <c>webauthn.counter_not_increased</c>: the key's signature counter did not go up (possibly a cloned key, or the
    /// same response used twice). Recorded in the security log as a possible cloned key.
    /// </summary>
    public static TwoFactorError CounterNotIncreased { get; } =
        new("webauthn.counter_not_increased", "This security key's response was refused because it may have been copied. Contact your administrator if this continues.");

    /// <summary>
    /// <c>webauthn.extension_output_invalid</c>: an extension output has the wrong shape, or contradicts the
    /// authenticator data (an <c>appid</c> output that does not match the RP ID hash that was signed).
    /// </summary>
    public static TwoFactorError ExtensionOutputInvalid { get; } =
        new("webauthn.extension_output_invalid", "The security key's response could not be read. Please try again.");
}
