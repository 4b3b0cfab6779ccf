using System.Buffers;
using System.Security.Cryptography;

using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Protocol;

/// <summary>What an assertion is checked against: the issued request and the stored credential record.</summary>
/// <param name="Challenge">The challenge bytes issued in the request options.</param>
/// <param name="Policy">The relying party's RP ID hash, origins and cross-origin rules.</param>
/// <param name="RequireUserVerification">Whether the request required user verification.</param>
/// <param name="AppIdHash">SHA-256 of the <c>appid</c> extension input when it was requested for this (legacy U2F) credential; else empty.</param>
/// <param name="PublicKey">The credential record's public key, already imported.</param>
/// <param name="StoredSignCount">The credential record's signature counter.</param>
internal readonly record struct AssertionExpectations(
    ReadOnlyMemory<byte> Challenge,
    RelyingPartyPolicy Policy,
    bool RequireUserVerification,
    ReadOnlyMemory<byte> AppIdHash,
    CoseKey PublicKey,
    uint StoredSignCount);

/// <summary>The outcome of <see cref="AssertionVerifier.Verify"/>.</summary>
/// <param name="Error">Why the assertion is refused; <see langword="null"/> when every check passed.</param>
/// <param name="SignCount">The authenticator's signature counter (valid once the authenticator data parsed).</param>
/// <param name="BackupEligible">The BE flag.</param>
/// <param name="BackedUp">The BS flag.</param>
/// <param name="UsedAppId">Whether <c>rpIdHash</c> was the hash of the legacy AppID (the <c>appid</c> extension output is then true).</param>
internal readonly record struct AssertionOutcome(
    TwoFactorError? Error,
    uint SignCount = 0,
    bool BackupEligible = false,
    bool BackedUp = false,
    bool UsedAppId = false);

/// <summary>
/// The store-free core of the authentication ceremony (WebAuthn §7.2 steps 7–22): client data, authenticator data,
/// signature and signature counter. Pure and allocation-light: client data is checked on its bytes, the hash goes
/// to the stack and the signature uses the already imported key. The service around it does steps 1–6 (request,
/// credential lookup, owner and user handle) and step 24 (the atomic record update).
/// </summary>
internal static class AssertionVerifier
{
    private const int StackSignedDataLimit = 512;

    /// <summary>Verifies an assertion.</summary>
    /// <param name="clientDataJson">§7.2 step 7 cData: <c>response.clientDataJSON</c>.</param>
    /// <param name="authenticatorData">§7.2 step 7 authData: <c>response.authenticatorData</c>.</param>
    /// <param name="signature">§7.2 step 7 sig: <c>response.signature</c>.</param>
    /// <param name="expected">The request and the credential record.</param>
    /// <param name="appIdExtensionOutput">The client's <c>appid</c> extension output, when it sent one (§7.2 step 4).</param>
    public static AssertionOutcome Verify(
        ReadOnlySpan<byte> clientDataJson,
        ReadOnlyMemory<byte> authenticatorData,
        ReadOnlySpan<byte> signature,
        in AssertionExpectations expected,
        bool? appIdExtensionOutput = null)
    {
        // §7.2 steps 8–14: UTF-8 decode and parse C, then type, challenge, origin, crossOrigin and topOrigin.
        if (ClientDataVerifier.Verify(clientDataJson, ClientDataVerifier.AuthenticationType, expected.Challenge.Span, expected.Policy) is { } clientDataError)
        {
            return new AssertionOutcome(clientDataError);
        }

        AuthenticatorData authData;
        try
        {
            authData = AuthenticatorData.Parse(authenticatorData);
        }
        catch (FormatException)
        {
            return new AssertionOutcome(WebAuthnErrors.MalformedResponse);
        }

        // §7.2 step 15: rpIdHash is SHA-256 of the RP ID, or — when the appid extension was requested for this
        // legacy U2F credential (§10.1.1) — SHA-256 of the AppID.
        var usedAppId = false;
        var rpIdHash = authData.RpIdHash.Span;
        if (!rpIdHash.SequenceEqual(expected.Policy.RpIdHash))
        {
            if (expected.AppIdHash.IsEmpty || !rpIdHash.SequenceEqual(expected.AppIdHash.Span))
            {
                return new AssertionOutcome(WebAuthnErrors.RpIdMismatch);
            }

            usedAppId = true;
        }

        // §7.2 step 16: the UP flag is set.
        if (!authData.UserPresent)
        {
            return new AssertionOutcome(WebAuthnErrors.UserPresenceRequired);
        }

        // §7.2 step 17: the UV flag is set when the request required user verification; otherwise UV is ignored.
        if (expected.RequireUserVerification && !authData.UserVerified)
        {
            return new AssertionOutcome(WebAuthnErrors.UserVerificationRequired);
        }

        // §7.2 step 18: BS without BE is invalid.
        if (!authData.BackupEligible && authData.BackedUp)
        {
            return new AssertionOutcome(WebAuthnErrors.BackupStateInvalid);
        }

        // §7.2 step 19: backup eligibility and state do not take part in this relying party's policy (a security
        // key is a second factor here); the caller records them and logs a change instead of refusing it.

        // §7.2 step 20: hash = SHA-256(cData). Step 21: verify sig over authData || hash with the stored key.
        var signedLength = authenticatorData.Length + SHA256.HashSizeInBytes;
        byte[]? rented = null;
        var signed = signedLength <= StackSignedDataLimit
            ? stackalloc byte[signedLength]
            : (rented = ArrayPool<byte>.Shared.Rent(signedLength)).AsSpan(0, signedLength);
        authenticatorData.Span.CopyTo(signed);
        SHA256.HashData(clientDataJson, signed[authenticatorData.Length..]);
        var signatureValid = expected.PublicKey.VerifySignature(signed, signature);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        if (!signatureValid)
        {
            return new AssertionOutcome(WebAuthnErrors.SignatureInvalid);
        }

        // §7.2 step 22: when either counter is non-zero the new one must be greater than the stored one; anything
        // else (including 0 after a non-zero count) is treated as a cloned authenticator and refused. Authenticators
        // that always send 0 keep working.
        var signCount = authData.SignCount;
        if ((signCount != 0 || expected.StoredSignCount != 0) && signCount <= expected.StoredSignCount)
        {
            return new AssertionOutcome(WebAuthnErrors.CounterNotIncreased, signCount, authData.BackupEligible, authData.BackedUp, usedAppId);
        }

        // §7.2 step 23 (extensions): the only extension requested is appid. Its output, when the client sent one,
        // must say what step 15 found: true exactly when the AppID was signed for (§10.1.1). Outputs of extensions
        // the client or authenticator added on its own are ignored.
        if (appIdExtensionOutput is { } reported && reported != usedAppId)
        {
            return new AssertionOutcome(WebAuthnErrors.ExtensionOutputInvalid, signCount, authData.BackupEligible, authData.BackedUp, usedAppId);
        }

        return new AssertionOutcome(null, signCount, authData.BackupEligible, authData.BackedUp, usedAppId);
    }
}
