using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>
/// WebAuthn §8.5 Android SafetyNet attestation: a SafetyNet device check (a JWS signed by Google for
/// attest.android.com) whose nonce binds it to this registration.
/// </summary>
/// <remarks>
/// Google has retired the SafetyNet Attestation API; the format is kept for devices registered through it.
/// <c>basicIntegrity</c>, <c>apkPackageName</c> and the APK digests are not checked: WebAuthn §8.5 does not require
/// them, and <c>ctsProfileMatch</c> (enforced by default) implies basic integrity.
/// </remarks>
internal static class AndroidSafetyNetAttestation
{
    public const string Format = "android-safetynet";

    /// <summary>The host name SafetyNet's signing certificate must be issued to.</summary>
    public const string SigningHostName = "attest.android.com";

    public static TwoFactorResult<AttestationVerificationResult> Verify(in AttestationInput input)
    {
        // Step 1: attStmt is CBOR of the syntax above (ver, response).
        AttestationStatement.ReadText(input.Statement, "ver");
        var jws = SafetyNetJws.Parse(AttestationStatement.ReadBytes(input.Statement, "response").Span);
        var certificates = AttestationStatement.LoadAll([.. jws.Certificates.Select(der => (ReadOnlyMemory<byte>)der)]);

        TwoFactorError? error;
        try
        {
            error = Check(input, jws, certificates[0]);
        }
        catch
        {
            // A certificate or extension the platform cannot decode: release the loaded certificates, then let the
            // verifier turn the exception into a malformed-statement error.
            AttestationStatement.Dispose(certificates);
            throw;
        }

        if (error is not null)
        {
            AttestationStatement.Dispose(certificates);
            return error;
        }

        // Step 5: Basic attestation; the trust path is the JWS header's x5c.
        return TwoFactorResult.Success(input.Result(AttestationType.Basic, certificates));
    }

    private static TwoFactorError? Check(in AttestationInput input, SafetyNetJws jws, X509Certificate2 leaf)
    {
        // Step 2 and 4 (SafetyNet documentation): the JWS is signed by the leaf of its x5c, issued to attest.android.com.
        // That x5c chains to Google's root is decided by the trust policy (AttestationVerifier.EvaluateTrust).
        if (!leaf.MatchesHostname(SigningHostName))
        {
            return WebAuthnErrors.AttestationCertificateInvalid;
        }

        if (!TryMapJwsAlgorithm(jws.Algorithm, out var algorithm, out var format))
        {
            return WebAuthnErrors.AttestationAlgorithmUnsupported;
        }

        switch (CertificateSignature.Verify(leaf, algorithm, jws.SigningInput, jws.Signature, format))
        {
            case SignatureCheck.AlgorithmUnsupported:
                return WebAuthnErrors.AttestationAlgorithmUnsupported;
            case SignatureCheck.Invalid:
                return WebAuthnErrors.AttestationInvalidSignature;
        }

        // Step 3: nonce is base64 (standard, padded) of SHA-256(authenticatorData || clientDataHash).
        var expectedNonce = Convert.ToBase64String(input.SignedDataSha256());
        if (!string.Equals(jws.Nonce, expectedNonce, StringComparison.Ordinal))
        {
            return WebAuthnErrors.AttestationSafetyNetNonceMismatch;
        }

        // Step 4 (SafetyNet documentation): the device passed the compatibility check, when the policy requires it.
        if (input.Options.SafetyNetRequireCtsProfileMatch && jws.CtsProfileMatch != true)
        {
            return WebAuthnErrors.AttestationSafetyNetCtsProfileMismatch;
        }

        // SafetyNet documentation: the response is fresh. timestampMs must lie within SafetyNetMaxAge of the
        // verification time, either side (clocks differ).
        if (jws.TimestampMs is not { } timestampMs
            || timestampMs < DateTimeOffset.MinValue.ToUnixTimeMilliseconds()
            || timestampMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            || (input.VerificationTime - DateTimeOffset.FromUnixTimeMilliseconds(timestampMs)).Duration() > input.Options.SafetyNetMaxAge)
        {
            return WebAuthnErrors.AttestationSafetyNetStale;
        }

        return null;
    }

    // RFC 7518 §3.1: JWS "alg" values, mapped to the COSE algorithm with the same key type and hash. JWS ECDSA
    // signatures are r || s (IEEE P1363), not DER.
    private static bool TryMapJwsAlgorithm(string jwsAlgorithm, out CoseAlgorithm algorithm, out DSASignatureFormat format)
    {
        format = DSASignatureFormat.IeeeP1363FixedFieldConcatenation;
        algorithm = jwsAlgorithm switch
        {
            "RS256" => CoseAlgorithm.RS256,
            "RS384" => CoseAlgorithm.RS384,
            "RS512" => CoseAlgorithm.RS512,
            "PS256" => CoseAlgorithm.PS256,
            "PS384" => CoseAlgorithm.PS384,
            "PS512" => CoseAlgorithm.PS512,
            "ES256" => CoseAlgorithm.ES256,
            "ES384" => CoseAlgorithm.ES384,
            "ES512" => CoseAlgorithm.ES512,
            _ => 0,
        };
        return algorithm != 0;
    }
}
