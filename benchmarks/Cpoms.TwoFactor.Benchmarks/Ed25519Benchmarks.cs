using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Cpoms.TwoFactor.WebAuthn.Cryptography;

namespace Cpoms.TwoFactor.Benchmarks;

/// <summary>
/// Ed25519 (COSE alg -8) on a real WebAuthn assertion: the signed data is authenticatorData (37 bytes) ||
/// SHA-256(clientDataJSON), 69 bytes. ECDSA P-256 VerifyData (COSE alg -7, the BCL/OpenSSL implementation)
/// over the same 69 bytes is measured alongside for scale.
/// Run: dotnet run -c Release --project benchmarks/Cpoms.TwoFactor.Benchmarks -- --filter '*Ed25519*' --job short
/// </summary>
[MemoryDiagnoser]
public class Ed25519Benchmarks
{
    private static readonly byte[] PublicKey = Convert.FromHexString(
        "ccfafd25052e20e277662196ad186e8c89f820eb22b36990f506989a780f70e9");

    private static readonly byte[] SignedData = Convert.FromHexString(
        "49960de5880e8c687434170f6476605b8fe4aeb9a28632c7995cf3ba831d976301000000" +
        "07864eb06b37b7e4072348651a37ab1d464d1e5be2bbd99c8ac2b0a2313ec828fb");

    private static readonly byte[] Signature = Convert.FromHexString(
        "451595f2660346f2bb61d42076d643e29276761d43fc8599fc3ea3b19a3a1472" +
        "41a1e9db8f40954f99c0db4bd4ce546137847a74e1141e65303f517c79106106");

    private Ed25519PublicKey _key = null!;
    private ECDsa _ecdsa = null!;
    private byte[] _ecdsaSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (!Ed25519PublicKey.TryImport(PublicKey, out var key) || !key.Verify(SignedData, Signature))
        {
            throw new InvalidOperationException("The benchmark vector does not verify.");
        }

        _key = key;
        _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _ecdsaSignature = _ecdsa.SignData(SignedData, HashAlgorithmName.SHA256);
    }

    [GlobalCleanup]
    public void Cleanup() => _ecdsa.Dispose();

    /// <summary>Decode, validate (curve, canonical, small order) and precompute the key's table.</summary>
    [Benchmark]
    public object? Ed25519_TryImport()
    {
        Ed25519PublicKey.TryImport(PublicKey, out var key);
        return key;
    }

    /// <summary>Verify with an already imported key (the cached-credential path).</summary>
    [Benchmark(Baseline = true)]
    public bool Ed25519_Verify_Warm() => _key.Verify(SignedData, Signature);

    /// <summary>Import and verify in one call (no cached key).</summary>
    [Benchmark]
    public bool Ed25519_Verify_Static() => Ed25519.Verify(PublicKey, SignedData, Signature);

    /// <summary>The BCL's ECDSA P-256 with SHA-256, key already created.</summary>
    [Benchmark]
    public bool EcdsaP256_VerifyData() => _ecdsa.VerifyData(SignedData, _ecdsaSignature, HashAlgorithmName.SHA256);
}
