using System.Security.Cryptography;

using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.WebAuthn.Cbor;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Protocol;

/// <summary>
/// A registration response whose structure has been read (WebAuthn §7.1 steps 5, 6 and 13: well-formed client data,
/// attestation object, authenticator data with attested credential data, and a valid credential public key).
/// </summary>
internal sealed class ParsedRegistration : IDisposable
{
    /// <summary>The browser's response.</summary>
    public required CredentialResponse Response { get; init; }

    /// <summary>The attestation statement format identifier <c>fmt</c>.</summary>
    public required string Format { get; init; }

    /// <summary>The attestation statement <c>attStmt</c>.</summary>
    public required CborMap AttestationStatement { get; init; }

    /// <summary>The authenticator data, with attested credential data.</summary>
    public required AuthenticatorData AuthenticatorData { get; init; }

    /// <summary>The attested credential data of <see cref="AuthenticatorData"/>.</summary>
    public required AttestedCredentialData Credential { get; init; }

    /// <summary>The credential public key, imported.</summary>
    public required CoseKey PublicKey { get; init; }

    /// <summary>SHA-256 of <c>clientDataJSON</c> (§7.1 step 12).</summary>
    public required byte[] ClientDataHash { get; init; }

    /// <inheritdoc />
    public void Dispose() => PublicKey.Dispose();
}

/// <summary>
/// The store-free part of the registration ceremony (WebAuthn §7.1): everything except attestation (steps 21–24,
/// done by the attestation verifier) and the uniqueness check and storage (steps 26–27, done against the store).
/// <see cref="Parse"/> reads the structure and needs no state, so that unreadable input is refused before the
/// challenge is consumed; <see cref="Verify"/> then checks it against the issued options.
/// </summary>
internal static class RegistrationVerifier
{
    /// <summary>Reads the structure of a registration response (§7.1 steps 5–6 syntax, 12, 13 and the COSE key).</summary>
    /// <param name="response">The parsed <c>RegistrationResponseJSON</c> (steps 2–4).</param>
    /// <param name="policy">The relying party (only its origins matter to the client data syntax check).</param>
    /// <param name="error">Why the response cannot be read.</param>
    /// <returns>The parsed registration, or <see langword="null"/> with <paramref name="error"/> set.</returns>
    internal static ParsedRegistration? Parse(CredentialResponse response, RelyingPartyPolicy policy, out TwoFactorError? error)
    {
        // §7.1 steps 5–6: clientDataJSON is UTF-8 JSON with the members the checks need (checked again in Verify).
        if (!ClientDataVerifier.IsWellFormed(response.ClientDataJson, policy))
        {
            error = WebAuthnErrors.MalformedResponse;
            return null;
        }

        // §7.1 step 13: CBOR-decode the attestation object into fmt, authData and attStmt.
        string format;
        CborMap attestationStatement;
        AuthenticatorData authData;
        try
        {
            if (CborDecoder.Decode(response.AttestationObject) is not CborMap attestationObject ||
                attestationObject["fmt"] is not CborTextString fmt ||
                attestationObject["attStmt"] is not CborMap attStmt ||
                attestationObject["authData"] is not CborByteString authDataBytes)
            {
                error = WebAuthnErrors.MalformedResponse;
                return null;
            }

            format = fmt.Value;
            attestationStatement = attStmt;
            authData = AuthenticatorData.Parse(authDataBytes.Value);
        }
        catch (FormatException)
        {
            error = WebAuthnErrors.MalformedResponse;
            return null;
        }

        // The attested credential data (AT flag) carries the new credential; without it there is nothing to register.
        // §7.1 step 25: its credential ID is at most 1023 bytes; AuthenticatorData.Parse refuses a longer
        // credentialIdLength, so such a response is refused as malformed above.
        if (authData.AttestedCredentialData is not { } credential)
        {
            error = WebAuthnErrors.AttestedCredentialDataMissing;
            return null;
        }

        CoseKey publicKey;
        try
        {
            publicKey = CoseKey.Decode(credential.CredentialPublicKey);
        }
        catch (FormatException)
        {
            error = WebAuthnErrors.MalformedResponse;
            return null;
        }

        error = null;
        return new ParsedRegistration
        {
            Response = response,
            Format = format,
            AttestationStatement = attestationStatement,
            AuthenticatorData = authData,
            Credential = credential,
            PublicKey = publicKey,

            // §7.1 step 12: hash = SHA-256(response.clientDataJSON).
            ClientDataHash = SHA256.HashData(response.ClientDataJson),
        };
    }

    /// <summary>Verifies §7.1 steps 3 and 7–20 against the issued options.</summary>
    /// <param name="registration">The parsed registration.</param>
    /// <param name="challenge">The challenge bytes of the issued options.</param>
    /// <param name="state">The issued options: requested algorithms and the user-verification requirement.</param>
    /// <param name="policy">The RP ID hash and the accepted origins.</param>
    /// <returns><see langword="null"/> when every step passes, otherwise the error of the first that fails.</returns>
    internal static TwoFactorError? Verify(ParsedRegistration registration, ReadOnlySpan<byte> challenge, CeremonyState state, RelyingPartyPolicy policy)
    {
        var response = registration.Response;
        var authData = registration.AuthenticatorData;

        // §7.1 step 1 (options) is the issued state; step 2 (calling create()) happens in the browser.
        // §7.1 step 3: the response is an attestation response of type public-key.
        if (!response.IsPublicKeyType)
        {
            return WebAuthnErrors.CredentialTypeInvalid;
        }

        // §7.1 step 4: clientExtensionResults were read with the response (credProps is informational only).
        // §7.1 steps 5–11: UTF-8 decode and parse C; type, challenge, origin, crossOrigin, topOrigin.
        if (ClientDataVerifier.Verify(response.ClientDataJson, ClientDataVerifier.RegistrationType, challenge, policy) is { } clientDataError)
        {
            return clientDataError;
        }

        // §7.1 step 14: rpIdHash is SHA-256 of the RP ID.
        if (!authData.RpIdHash.Span.SequenceEqual(policy.RpIdHash))
        {
            return WebAuthnErrors.RpIdMismatch;
        }

        // §7.1 step 15: UP is set (conditional mediation, which may omit it, is never requested here).
        if (!authData.UserPresent)
        {
            return WebAuthnErrors.UserPresenceRequired;
        }

        // §7.1 step 16: UV is set when the options required user verification.
        if (state.UserVerification == WebAuthnUserVerification.Required && !authData.UserVerified)
        {
            return WebAuthnErrors.UserVerificationRequired;
        }

        // §7.1 step 17: BS without BE is invalid.
        if (!authData.BackupEligible && authData.BackedUp)
        {
            return WebAuthnErrors.BackupStateInvalid;
        }

        // §7.1 steps 18–19: BE and BS do not inform this relying party's policy; they are stored with the key.
        // The credential ID the browser reported (id/rawId) must be the one the authenticator attested.
        if (!registration.Credential.CredentialId.Span.SequenceEqual(response.RawId))
        {
            return WebAuthnErrors.CredentialIdMismatch;
        }

        // §7.1 step 20: the key's alg is one of options.pubKeyCredParams.
        foreach (var alg in state.Algorithms)
        {
            if (alg == (int)registration.PublicKey.Algorithm)
            {
                return null;
            }
        }

        return WebAuthnErrors.AlgorithmNotAllowed;
    }
}
