using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>WebAuthn §8.7 None attestation: <c>attStmt</c> is the empty map; nothing is vouched for.</summary>
internal static class NoneAttestation
{
    public const string Format = "none";

    public static TwoFactorResult<AttestationVerificationResult> Verify(in AttestationInput input)
    {
        // §8.7: attStmtType = emptyMap. A non-empty map is not a none statement.
        if (input.Statement.Entries.Count != 0)
        {
            return WebAuthnErrors.AttestationMalformed;
        }

        return TwoFactorResult.Success(input.Result(AttestationType.None, []));
    }
}
