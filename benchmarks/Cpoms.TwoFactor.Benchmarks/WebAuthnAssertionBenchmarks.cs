using System.Security.Cryptography;
using System.Text;

using BenchmarkDotNet.Attributes;
using Cpoms.TwoFactor.WebAuthn;
using Cpoms.TwoFactor.WebAuthn.Cose;
using Cpoms.TwoFactor.WebAuthn.Protocol;

namespace Cpoms.TwoFactor.Benchmarks;

/// <summary>
/// The cost of verifying an ES256 assertion (WebAuthn §7.2 steps 7–22, store excluded) with the credential's key
/// already imported, against a bare <see cref="ECDsa.VerifyData(byte[], byte[], HashAlgorithmName, DSASignatureFormat)"/>
/// over the same signed bytes with the same key. Target: the full path costs at most 1.15× the baseline.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project benchmarks/Cpoms.TwoFactor.Benchmarks -- --filter '*WebAuthnAssertion*' --job short</c>
/// </remarks>
[MemoryDiagnoser]
public class WebAuthnAssertionBenchmarks
{
    private const string RpId = "contoso.example";
    private const string Origin = "https://contoso.example";

    private ECDsa _signer = null!;
    private ECDsa _bare = null!;
    private byte[] _signedData = null!;
    private byte[] _signature = null!;
    private byte[] _clientDataJson = null!;
    private byte[] _authenticatorData = null!;
    private byte[] _responseJson = null!;
    private AssertionExpectations _expectations;

    [GlobalSetup]
    public void Setup()
    {
        _signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = _signer.ExportParameters(false);
        _bare = ECDsa.Create(parameters);

        var challenge = RandomNumberGenerator.GetBytes(32);
        _clientDataJson = Encoding.UTF8.GetBytes(
            "{\"type\":\"webauthn.get\",\"challenge\":\"" + Base64UrlCodec.Encode(challenge) + "\",\"origin\":\"" + Origin +
            "\",\"crossOrigin\":false,\"other_keys_can_be_added_here\":\"do not compare clientDataJSON against a template. See https://goo.gl/yabPex\"}");

        // rpIdHash || flags (UP) || signCount 42
        _authenticatorData = [.. SHA256.HashData(Encoding.UTF8.GetBytes(RpId)), 0x01, 0x00, 0x00, 0x00, 0x2A];
        _signedData = [.. _authenticatorData, .. SHA256.HashData(_clientDataJson)];
        _signature = _signer.SignData(_signedData, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        var credentialId = RandomNumberGenerator.GetBytes(32);
        _responseJson = Encoding.UTF8.GetBytes(
            "{\"id\":\"" + Base64UrlCodec.Encode(credentialId) + "\",\"rawId\":\"" + Base64UrlCodec.Encode(credentialId) +
            "\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"" + Base64UrlCodec.Encode(_clientDataJson) +
            "\",\"authenticatorData\":\"" + Base64UrlCodec.Encode(_authenticatorData) + "\",\"signature\":\"" + Base64UrlCodec.Encode(_signature) +
            "\",\"userHandle\":null},\"clientExtensionResults\":{},\"authenticatorAttachment\":\"cross-platform\"}");

        // COSE_Key (RFC 9053 §7.1.1): {1: 2, 3: -7, -1: 1, -2: x, -3: y}, CTAP2 canonical order.
        byte[] coseKey = [0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20, .. parameters.Q.X!, 0x22, 0x58, 0x20, .. parameters.Q.Y!];
        var key = new CoseKeyCache().GetOrDecode(coseKey);
        var policy = new RelyingPartyPolicy(RpId, [Origin], [], allowCrossOrigin: false, topOrigins: []);
        _expectations = new AssertionExpectations(challenge, policy, RequireUserVerification: false, ReadOnlyMemory<byte>.Empty, key, StoredSignCount: 41);

        if (VerifyCore() is not null || VerifyResponseJson() is not null || !BareVerifyData())
        {
            throw new InvalidOperationException("The benchmark inputs do not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _signer.Dispose();
        _bare.Dispose();
    }

    /// <summary>The baseline: the signature check alone, over bytes already concatenated and hashed.</summary>
    [Benchmark(Baseline = true)]
    public bool BareVerifyData() =>
        _bare.VerifyData(_signedData, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>The verification core on the decoded response members: client data, authenticator data, hash, signature, counter.</summary>
    [Benchmark]
    public string? VerifyCore() =>
        AssertionVerifier.Verify(_clientDataJson, _authenticatorData, _signature, _expectations).Error?.Code;

    /// <summary>The core plus parsing the browser's AuthenticationResponseJSON (base64url members included).</summary>
    [Benchmark]
    public string? VerifyResponseJson()
    {
        var response = CredentialResponse.Parse(_responseJson, registration: false, out var error);
        return response is null
            ? error?.Code
            : AssertionVerifier.Verify(response.ClientDataJson, response.AuthenticatorData, response.Signature, _expectations).Error?.Code;
    }
}
