using System.Security.Cryptography;

using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.WebAuthn.Cbor;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>
/// The attestation steps of the registration ceremony: verifying the attestation statement (WebAuthn §7.1 steps
/// 19–20, §8) and deciding whether it is trusted (steps 21–22) under <see cref="AttestationTrustOptions"/>.
/// Thread-safe; registered as a singleton.
/// </summary>
/// <remarks>
/// Formats verified: <c>none</c>, <c>packed</c>, <c>fido-u2f</c>, <c>tpm</c>, <c>android-key</c>,
/// <c>android-safetynet</c> and <c>apple</c>. <c>compound</c> (§8.9) is not supported and is refused like any
/// unknown format. Bad input never throws: it gives <see cref="WebAuthnErrors.AttestationMalformed"/>.
/// </remarks>
internal sealed class AttestationVerifier
{
    private readonly Func<AttestationTrustOptions> _options;
    private readonly TimeProvider _time;

    /// <summary>Uses fixed options.</summary>
    public AttestationVerifier(AttestationTrustOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = () => options;
        _time = time;
    }

    /// <summary>Reads the options on every call, so that reloaded options (an options monitor) take effect.</summary>
    public AttestationVerifier(Func<AttestationTrustOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
    }

    /// <summary>
    /// WebAuthn §7.1 steps 19–20: verifies <paramref name="attestationStatement"/> with the procedure of
    /// <paramref name="format"/>. On success the result holds the attestation type and trust path; whether that
    /// path is trusted is <see cref="EvaluateTrust"/>'s decision.
    /// </summary>
    /// <param name="format">The attestation object's <c>fmt</c>; matched case-sensitively (step 19).</param>
    /// <param name="attestationStatement">The attestation object's <c>attStmt</c>.</param>
    /// <param name="authenticatorData">The attestation object's parsed <c>authData</c>, with attested credential data.</param>
    /// <param name="clientDataHash">SHA-256 of the client data JSON (step 11).</param>
    /// <param name="credentialPublicKey">The decoded credential public key from <paramref name="authenticatorData"/>.</param>
    /// <param name="verificationTime">The time for SafetyNet freshness; the time provider's now when omitted.</param>
    public TwoFactorResult<AttestationVerificationResult> Verify(
        string format,
        CborMap attestationStatement,
        AuthenticatorData authenticatorData,
        ReadOnlySpan<byte> clientDataHash,
        CoseKey credentialPublicKey,
        DateTimeOffset? verificationTime = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(attestationStatement);
        ArgumentNullException.ThrowIfNull(authenticatorData);
        ArgumentNullException.ThrowIfNull(credentialPublicKey);

        if (authenticatorData.AttestedCredentialData is not { } credential)
        {
            return WebAuthnErrors.AttestationMalformed;
        }

        var input = new AttestationInput(
            format,
            attestationStatement,
            authenticatorData,
            credential,
            clientDataHash,
            credentialPublicKey,
            verificationTime ?? _time.GetUtcNow(),
            _options());
        try
        {
            // Step 19: the format is one of the supported registered identifiers, matched exactly.
            return format switch
            {
                NoneAttestation.Format => NoneAttestation.Verify(input),
                PackedAttestation.Format => PackedAttestation.Verify(input),
                FidoU2fAttestation.Format => FidoU2fAttestation.Verify(input),
                TpmAttestationFormat.Format => TpmAttestationFormat.Verify(input),
                AndroidKeyAttestation.Format => AndroidKeyAttestation.Verify(input),
                AndroidSafetyNetAttestation.Format => AndroidSafetyNetAttestation.Verify(input),
                AppleAttestation.Format => AppleAttestation.Verify(input),
                _ => WebAuthnErrors.AttestationFormatUnsupported,
            };
        }
        catch (AttestationFormatException)
        {
            return WebAuthnErrors.AttestationMalformed;
        }
        catch (CryptographicException)
        {
            // A certificate extension or key that .NET cannot decode.
            return WebAuthnErrors.AttestationMalformed;
        }
        catch (NotSupportedException)
        {
            // A certificate naming a curve or algorithm the platform does not know (PlatformNotSupportedException).
            return WebAuthnErrors.AttestationMalformed;
        }
    }

    /// <summary>
    /// WebAuthn §7.1 steps 21–22: decides whether a verified attestation is acceptable under the options. For
    /// certificate attestation it builds the trust path to a configured trust anchor at
    /// <paramref name="verificationTime"/> (the time provider's now when omitted); the returned result then names the
    /// anchor. An untrusted certificate attestation counts as self attestation (step 23's permitted fallback).
    /// </summary>
    /// <param name="attestation">A successful result of <see cref="Verify"/>.</param>
    /// <param name="verificationTime">When to check certificate validity; set it to accept expired test certificates.</param>
    public TwoFactorResult<AttestationVerificationResult> EvaluateTrust(AttestationVerificationResult attestation, DateTimeOffset? verificationTime = null)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        var options = _options();
        var result = attestation;

        switch (attestation.Type)
        {
            case AttestationType.None:
                if (options.RequireTrustedAttestation || !options.AllowNoneAttestation)
                {
                    return WebAuthnErrors.AttestationNoneNotAllowed;
                }

                break;

            case AttestationType.Self:
                if (options.RequireTrustedAttestation || !options.AllowSelfAttestation)
                {
                    return WebAuthnErrors.AttestationSelfNotAllowed;
                }

                break;

            default:
                var anchor = AttestationTrustChain.FindAnchor(attestation.TrustPath, options.TrustAnchors, verificationTime ?? _time.GetUtcNow());
                if (anchor is not null)
                {
                    result = attestation with { TrustAnchor = anchor };
                }
                else if (options.RequireTrustedAttestation || !options.AllowSelfAttestation)
                {
                    return WebAuthnErrors.AttestationUntrusted;
                }

                break;
        }

        // The AAGUID allow-list (a school that allows only the keys it issued).
        if (options.AllowedAaguids.Count > 0 && !options.AllowedAaguids.Contains(attestation.Aaguid))
        {
            return WebAuthnErrors.AttestationAaguidNotAllowed;
        }

        return TwoFactorResult.Success(result);
    }
}
