using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.WebAuthn;

/// <summary>
/// The catalogue of the WebAuthn package's error codes (prefix <c>webauthn.</c>). This part holds the attestation
/// codes (<c>webauthn.attestation_*</c>, WebAuthn §7.1 steps 19–22 and §8).
/// </summary>
/// <remarks>
/// Attestation errors say why a new security key was refused at registration. Nothing is stored when one of them
/// is returned. Messages are for the person registering the key; the codes are for logs and support staff.
/// </remarks>
public static partial class WebAuthnErrors
{
    /// <summary>
    /// <c>webauthn.attestation_format_unsupported</c>: the attestation statement format is not one this site verifies
    /// (WebAuthn §7.1 step 19). Supported: <c>none</c>, <c>packed</c>, <c>fido-u2f</c>, <c>tpm</c>, <c>android-key</c>,
    /// <c>android-safetynet</c>, <c>apple</c>.
    /// </summary>
    public static TwoFactorError AttestationFormatUnsupported { get; } =
        new("webauthn.attestation_format_unsupported", "This kind of security key cannot be registered here: its proof of origin is in a format this site does not support.");

    /// <summary>
    /// <c>webauthn.attestation_malformed</c>: the attestation statement is missing a field, has a field of the wrong
    /// type, or holds a certificate or structure that cannot be read.
    /// </summary>
    public static TwoFactorError AttestationMalformed { get; } =
        new("webauthn.attestation_malformed", "This security key could not be verified: its proof of origin could not be read. Please try again.");

    /// <summary>
    /// <c>webauthn.attestation_algorithm_unsupported</c>: the statement's <c>alg</c> is unknown, does not fit the
    /// signing key, or (self attestation) differs from the new credential's algorithm.
    /// </summary>
    public static TwoFactorError AttestationAlgorithmUnsupported { get; } =
        new("webauthn.attestation_algorithm_unsupported", "This security key could not be verified: it signed its proof of origin with an algorithm this site does not accept.");

    /// <summary><c>webauthn.attestation_invalid_signature</c>: the attestation signature does not verify.</summary>
    public static TwoFactorError AttestationInvalidSignature { get; } =
        new("webauthn.attestation_invalid_signature", "This security key could not be verified: the signature on its proof of origin is not valid.");

    /// <summary>
    /// <c>webauthn.attestation_certificate_invalid</c>: the attestation certificate breaks the format's certificate
    /// requirements (WebAuthn §8.2.1, §8.3.1, §8.5, §8.6): wrong version, subject, missing extension, a CA certificate
    /// as the leaf, a wrong key type, or the wrong number of certificates.
    /// </summary>
    public static TwoFactorError AttestationCertificateInvalid { get; } =
        new("webauthn.attestation_certificate_invalid", "This security key could not be verified: its attestation certificate does not meet the requirements for security keys.");

    /// <summary>
    /// <c>webauthn.attestation_public_key_mismatch</c>: the key that the statement attests is not the new credential's
    /// public key.
    /// </summary>
    public static TwoFactorError AttestationPublicKeyMismatch { get; } =
        new("webauthn.attestation_public_key_mismatch", "This security key could not be verified: its proof of origin is for a different key.");

    /// <summary>
    /// <c>webauthn.attestation_aaguid_mismatch</c>: the attestation certificate names a different authenticator model
    /// (AAGUID extension 1.3.6.1.4.1.45724.1.1.4) than the authenticator data.
    /// </summary>
    public static TwoFactorError AttestationAaguidMismatch { get; } =
        new("webauthn.attestation_aaguid_mismatch", "This security key could not be verified: its certificate is for a different model of key.");

    /// <summary>
    /// <c>webauthn.attestation_tpm_invalid</c>: a TPM statement's <c>ver</c>, <c>certInfo</c> (magic, type, extraData,
    /// attested name) or <c>pubArea</c> does not satisfy WebAuthn §8.3.
    /// </summary>
    public static TwoFactorError AttestationTpmInvalid { get; } =
        new("webauthn.attestation_tpm_invalid", "This device's security chip (TPM) could not be verified.");

    /// <summary>
    /// <c>webauthn.attestation_android_key_challenge_mismatch</c>: the Android key attestation certificate was made for a
    /// different request (attestationChallenge differs from the client data hash).
    /// </summary>
    public static TwoFactorError AttestationAndroidKeyChallengeMismatch { get; } =
        new("webauthn.attestation_android_key_challenge_mismatch", "This Android device could not be verified: its key was attested for a different request.");

    /// <summary>
    /// <c>webauthn.attestation_android_key_authorization_list</c>: the Android key description allows every app to use
    /// the key (allApplications), or does not show a key generated on the device (origin KM_ORIGIN_GENERATED) for signing
    /// (purpose KM_PURPOSE_SIGN), WebAuthn §8.4.
    /// </summary>
    public static TwoFactorError AttestationAndroidKeyAuthorizationList { get; } =
        new("webauthn.attestation_android_key_authorization_list", "This Android device could not be verified: its key was not created on the device for signing in to this site only.");

    /// <summary>
    /// <c>webauthn.attestation_safetynet_nonce_mismatch</c>: the SafetyNet response was made for a different request.
    /// </summary>
    public static TwoFactorError AttestationSafetyNetNonceMismatch { get; } =
        new("webauthn.attestation_safetynet_nonce_mismatch", "This Android device could not be verified: its safety check was made for a different request.");

    /// <summary>
    /// <c>webauthn.attestation_safetynet_cts_profile_mismatch</c>: SafetyNet reports that the device does not match a
    /// compatible, certified Android build (<c>ctsProfileMatch</c> is false) and the policy requires it.
    /// </summary>
    public static TwoFactorError AttestationSafetyNetCtsProfileMismatch { get; } =
        new("webauthn.attestation_safetynet_cts_profile_mismatch", "This Android device did not pass Google's device integrity check (it may be rooted or run modified software), so it cannot be registered.");

    /// <summary>
    /// <c>webauthn.attestation_safetynet_stale</c>: the SafetyNet response's <c>timestampMs</c> is missing or further
    /// from the verification time than <see cref="Attestation.AttestationTrustOptions.SafetyNetMaxAge"/>.
    /// </summary>
    public static TwoFactorError AttestationSafetyNetStale { get; } =
        new("webauthn.attestation_safetynet_stale", "This Android device's safety check is out of date. Check the device's date and time, then try again.");

    /// <summary>
    /// <c>webauthn.attestation_apple_nonce_mismatch</c>: the Apple attestation certificate was made for a different
    /// request (nonce extension 1.2.840.113635.100.8.2 differs).
    /// </summary>
    public static TwoFactorError AttestationAppleNonceMismatch { get; } =
        new("webauthn.attestation_apple_nonce_mismatch", "This Apple device could not be verified: its proof of origin was made for a different request.");

    /// <summary>
    /// <c>webauthn.attestation_none_not_allowed</c>: the key gave no attestation and the policy
    /// (<see cref="Attestation.AttestationTrustOptions.AllowNoneAttestation"/> or
    /// <see cref="Attestation.AttestationTrustOptions.RequireTrustedAttestation"/>) requires one.
    /// </summary>
    public static TwoFactorError AttestationNoneNotAllowed { get; } =
        new("webauthn.attestation_none_not_allowed", "This site only accepts security keys that prove who made them. Allow the browser to share the key's make and model, or use a key issued by your organisation.");

    /// <summary>
    /// <c>webauthn.attestation_self_not_allowed</c>: the key vouched for itself (self attestation, or a certificate that
    /// does not lead to a configured trust anchor) and the policy does not accept that.
    /// </summary>
    public static TwoFactorError AttestationSelfNotAllowed { get; } =
        new("webauthn.attestation_self_not_allowed", "This site only accepts security keys that prove who made them. Use a key issued by your organisation.");

    /// <summary>
    /// <c>webauthn.attestation_untrusted</c>: trusted attestation is required and the attestation certificate does not
    /// chain to one of the configured trust anchors (at the verification time).
    /// </summary>
    public static TwoFactorError AttestationUntrusted { get; } =
        new("webauthn.attestation_untrusted", "This security key is not one this site accepts. Use a key issued by your organisation.");

    /// <summary>
    /// <c>webauthn.attestation_aaguid_not_allowed</c>: the key's model (AAGUID) is not in
    /// <see cref="Attestation.AttestationTrustOptions.AllowedAaguids"/>.
    /// </summary>
    public static TwoFactorError AttestationAaguidNotAllowed { get; } =
        new("webauthn.attestation_aaguid_not_allowed", "This model of security key is not one this site accepts. Use a key issued by your organisation.");
}
