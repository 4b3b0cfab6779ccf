using System.Security.Cryptography;

using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.WebAuthn.Cbor;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Protocol;

/// <summary>A registration response that passed WebAuthn §7.1 steps 3–20 and 25, ready for attestation (steps 21–24).</summary>
internal sealed class ParsedRegistration : IDisposable
{
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
/// The store-free part of the registration ceremony (WebAuthn §7.1): everything except attestation trust
/// (steps 21–24, done by the attestation verifier) and the uniqueness check and storage (steps 26–27, done
/// against the store).
/// </summary>
internal static class RegistrationVerifier
{
    /// <summary>Verifies §7.1 steps 3–20 and 25.</summary>
    /// <param name="response">The parsed <c>RegistrationResponseJSON</c> (steps 2–4).</param>
    /// <param name="challenge">The challenge bytes of the issued options.</param>
    /// <param name="state">The issued options: requested algorithms and the user-verification requirement.</param>
    /// <param name="policy">The RP ID hash and the accepted origins.</param>
    /// <param name="error">Why the response is refused.</param>
    /// <returns>The parsed registration, or <see langword="null"/> with <paramref name="error"/> set.</returns>
    public static ParsedRegistration? Verify(
        CredentialResponse response,
        ReadOnlySpan<byte> challenge,
        CeremonyState state,
        RelyingPartyPolicy policy,
        out TwoFactorError? error)
    {
        // §7.1 step 1 (options) is the issued state; step 2 (calling create()) happens in the browser.
        // §7.1 step 3: the response is an attestation response of type public-key.
        if (!response.IsPublicKeyType)
        {
            error = WebAuthnErrors.CredentialTypeInvalid;
            return null;
        }

        // §7.1 step 4: clientExtensionResults were parsed with the response (credProps is informational only).
        // §7.1 steps 5–11: UTF-8 decode and parse C; type, challenge, origin, crossOrigin, topOrigin.
        error = ClientDataVerifier.Verify(response.ClientDataJson, ClientDataVerifier.RegistrationType, challenge, policy);
        if (error is not null)
        {
            return null;
        }

        // §7.1 step 12: hash = SHA-256(response.clientDataJSON).
        var clientDataHash = SHA256.HashData(response.ClientDataJson);

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

        // §7.1 step 14: rpIdHash is SHA-256 of the RP ID.
        if (!authData.RpIdHash.Span.SequenceEqual(policy.RpIdHash))
        {
            error = WebAuthnErrors.RpIdMismatch;
            return null;
        }

        // §7.1 step 15: UP is set (conditional mediation, which may omit it, is never requested here).
        if (!authData.UserPresent)
        {
            error = WebAuthnErrors.UserPresenceRequired;
            return null;
        }

        // §7.1 step 16: UV is set when the options required user verification.
        if (state.UserVerification == WebAuthnUserVerification.Required && !authData.UserVerified)
        {
            error = WebAuthnErrors.UserVerificationRequired;
            return null;
        }

        // §7.1 step 17: BS without BE is invalid.
        if (!authData.BackupEligible && authData.BackedUp)
        {
            error = WebAuthnErrors.BackupStateInvalid;
            return null;
        }

        // §7.1 steps 18–19: BE and BS do not inform this relying party's policy; they are stored with the key.
        // The attested credential data (AT flag) carries the new credential; without it there is nothing to register.
        if (authData.AttestedCredentialData is not { } credential)
        {
            error = WebAuthnErrors.AttestedCredentialDataMissing;
            return null;
        }

        // The credential ID the browser reported (id/rawId) must be the one the authenticator attested.
        if (!credential.CredentialId.Span.SequenceEqual(response.RawId))
        {
            error = WebAuthnErrors.CredentialIdMismatch;
            return null;
        }

        // §7.1 step 25: the credential ID is at most 1023 bytes. AuthenticatorData.Parse refuses a longer
        // credentialIdLength (step 13 above), so such a response is already refused as malformed.

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

        // §7.1 step 20: the key's alg is one of options.pubKeyCredParams.
        var requested = false;
        foreach (var alg in state.Algorithms)
        {
            requested |= alg == (int)publicKey.Algorithm;
        }

        if (!requested)
        {
            publicKey.Dispose();
            error = WebAuthnErrors.AlgorithmNotAllowed;
            return null;
        }

        error = null;
        return new ParsedRegistration
        {
            Format = format,
            AttestationStatement = attestationStatement,
            AuthenticatorData = authData,
            Credential = credential,
            PublicKey = publicKey,
            ClientDataHash = clientDataHash,
        };
    }
}
