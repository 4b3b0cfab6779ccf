using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.WebAuthn.Cbor;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>What every attestation format's verification procedure receives (WebAuthn §6.5.3: attStmt, authenticatorData, clientDataHash).</summary>
internal readonly ref struct AttestationInput
{
    public AttestationInput(
        string format,
        CborMap statement,
        AuthenticatorData authenticatorData,
        AttestedCredentialData credential,
        ReadOnlySpan<byte> clientDataHash,
        CoseKey credentialPublicKey,
        DateTimeOffset verificationTime,
        AttestationTrustOptions options)
    {
        Format = format;
        Statement = statement;
        AuthenticatorData = authenticatorData;
        Credential = credential;
        ClientDataHash = clientDataHash;
        CredentialPublicKey = credentialPublicKey;
        VerificationTime = verificationTime;
        Options = options;
    }

    public string Format { get; }

    public CborMap Statement { get; }

    public AuthenticatorData AuthenticatorData { get; }

    public AttestedCredentialData Credential { get; }

    public ReadOnlySpan<byte> ClientDataHash { get; }

    public CoseKey CredentialPublicKey { get; }

    public DateTimeOffset VerificationTime { get; }

    public AttestationTrustOptions Options { get; }

    /// <summary>attToBeSigned: authenticatorData || clientDataHash (WebAuthn §8.2, §8.3, §8.4 and others).</summary>
    public byte[] SignedData()
    {
        var raw = AuthenticatorData.Raw.Span;
        var data = new byte[raw.Length + ClientDataHash.Length];
        raw.CopyTo(data);
        ClientDataHash.CopyTo(data.AsSpan(raw.Length));
        return data;
    }

    /// <summary>SHA-256 of authenticatorData || clientDataHash (the nonce of §8.5 and §8.8).</summary>
    public byte[] SignedDataSha256() => SHA256.HashData(SignedData());

    public AttestationVerificationResult Result(AttestationType type, X509Certificate2[] trustPath) =>
        new(Format, type, trustPath, Credential.Aaguid);
}
