using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>
/// WebAuthn §8.4 Android Key attestation: the Android Keystore certified the credential key; its certificate's key
/// description shows the key was generated on the device for this request.
/// </summary>
internal static class AndroidKeyAttestation
{
    public const string Format = "android-key";

    public static TwoFactorResult<AttestationVerificationResult> Verify(in AttestationInput input)
    {
        // Step 1: attStmt is CBOR of the syntax above (alg, sig, x5c).
        var algorithm = AttestationStatement.ReadAlgorithm(input.Statement);
        var signature = AttestationStatement.ReadBytes(input.Statement, "sig").Span;
        var x5c = AttestationStatement.ReadCertificates(input.Statement, required: true)!;

        TwoFactorError? error;
        try
        {
            error = Check(input, x5c[0], algorithm, signature);
        }
        catch
        {
            // A certificate or extension the platform cannot decode: release the loaded certificates, then let the
            // verifier turn the exception into a malformed-statement error.
            AttestationStatement.Dispose(x5c);
            throw;
        }

        if (error is not null)
        {
            AttestationStatement.Dispose(x5c);
            return error;
        }

        // Return Basic with x5c as the trust path.
        return TwoFactorResult.Success(input.Result(AttestationType.Basic, x5c));
    }

    private static TwoFactorError? Check(in AttestationInput input, X509Certificate2 leaf, CoseAlgorithm algorithm, ReadOnlySpan<byte> signature)
    {
        // Step 2: sig is a valid signature over authenticatorData || clientDataHash by the first certificate's key.
        switch (CertificateSignature.Verify(leaf, algorithm, input.SignedData(), signature))
        {
            case SignatureCheck.AlgorithmUnsupported:
                return WebAuthnErrors.AttestationAlgorithmUnsupported;
            case SignatureCheck.Invalid:
                return WebAuthnErrors.AttestationInvalidSignature;
        }

        // Step 3: the first certificate's public key is the credential public key.
        if (!input.CredentialPublicKey.MatchesPublicKey(leaf.PublicKey))
        {
            return WebAuthnErrors.AttestationPublicKeyMismatch;
        }

        if (leaf.Extensions[AndroidKeyDescription.Oid] is not { } extension)
        {
            return WebAuthnErrors.AttestationCertificateInvalid;
        }

        var description = AndroidKeyDescription.Parse(extension.RawData);

        // Step 4: attestationChallenge is clientDataHash.
        if (!description.AttestationChallenge.AsSpan().SequenceEqual(input.ClientDataHash))
        {
            return WebAuthnErrors.AttestationAndroidKeyChallengeMismatch;
        }

        // Step 5: the authorization lists.
        return description.AuthorizationListsAcceptable(input.Options.AndroidKeyRequireHardwareEnforced)
            ? null
            : WebAuthnErrors.AttestationAndroidKeyAuthorizationList;
    }
}
