using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Cpoms.TwoFactor.WebAuthn;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.Benchmarks;

/// <summary>
/// COSE credential keys: the ways to import a key into the platform, cold decode + import, warm cached verification
/// compared with a bare platform verification, and authenticator data parsing on the assertion path.
/// </summary>
/// <remarks>Run: dotnet run -c Release --project benchmarks/Cpoms.TwoFactor.Benchmarks -- --filter '*CoseKey*' --job short</remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CoseKeyBenchmarks
{
    // RFC 8032 §7.1 TEST 2: key, message 0x72 and signature.
    private static readonly byte[] Ed25519Key = Convert.FromHexString("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    private static readonly byte[] Ed25519Message = [0x72];
    private static readonly byte[] Ed25519Signature = Convert.FromHexString("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

    private readonly byte[] _data = new byte[37 + 32];
    private readonly byte[] _assertionAuthData = new byte[37];
    private ECDsa _ecSigner = null!;
    private ECDsa _ecImported = null!;
    private ECParameters _ecParameters;
    private byte[] _ecSpki = null!;
    private byte[] _ecDer = null!;
    private byte[] _ecP1363 = null!;
    private RSA _rsaSigner = null!;
    private RSAParameters _rsaParameters;
    private byte[] _rsaPkcs1PublicKey = null!;
    private byte[] _rsaSignature = null!;
    private byte[] _es256Cose = null!;
    private byte[] _rs256Cose = null!;
    private byte[] _eddsaCose = null!;
    private CoseKeyCache _cache = null!;

    [GlobalSetup]
    public void Setup()
    {
        RandomNumberGenerator.Fill(_data);
        _assertionAuthData[32] = 0x05;
        _ecSigner = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _ecParameters = _ecSigner.ExportParameters(false);
        _ecImported = ECDsa.Create(_ecParameters);
        _ecSpki = _ecSigner.ExportSubjectPublicKeyInfo();
        _ecDer = _ecSigner.SignData(_data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        _ecP1363 = _ecSigner.SignData(_data, HashAlgorithmName.SHA256);
        _rsaSigner = RSA.Create(2048);
        _rsaParameters = _rsaSigner.ExportParameters(false);
        _rsaPkcs1PublicKey = _rsaSigner.ExportRSAPublicKey();
        _rsaSignature = _rsaSigner.SignData(_data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        // {1: 2, 3: -7, -1: 1, -2: x, -3: y}
        _es256Cose = [0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20, .. _ecParameters.Q.X!, 0x22, 0x58, 0x20, .. _ecParameters.Q.Y!];

        // {1: 3, 3: -257, -1: n, -2: e}
        _rs256Cose = [0xa4, 0x01, 0x03, 0x03, 0x39, 0x01, 0x00, 0x20, 0x59, 0x01, 0x00, .. _rsaParameters.Modulus!, 0x21, 0x43, .. _rsaParameters.Exponent!];

        // {1: 1, 3: -8, -1: 6, -2: x}
        _eddsaCose = [0xa4, 0x01, 0x01, 0x03, 0x27, 0x20, 0x06, 0x21, 0x58, 0x20, .. Ed25519Key];

        _cache = new CoseKeyCache();
        _cache.GetOrDecode(_es256Cose);
        _cache.GetOrDecode(_rs256Cose);
        _cache.GetOrDecode(_eddsaCose);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ecSigner.Dispose();
        _ecImported.Dispose();
        _rsaSigner.Dispose();
    }

    [Benchmark, BenchmarkCategory("Import EC P-256")]
    public bool ImportEc_CreateWithParameters()
    {
        using var key = ECDsa.Create(_ecParameters);
        return key.KeySize == 256;
    }

    [Benchmark, BenchmarkCategory("Import EC P-256")]
    public bool ImportEc_CreateThenImportParameters()
    {
        using var key = ECDsa.Create();
        key.ImportParameters(_ecParameters);
        return key.KeySize == 256;
    }

    [Benchmark, BenchmarkCategory("Import EC P-256")]
    public bool ImportEc_CreateThenImportSubjectPublicKeyInfo()
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(_ecSpki, out _);
        return key.KeySize == 256;
    }

    [Benchmark, BenchmarkCategory("Import RSA 2048")]
    public bool ImportRsa_CreateWithParameters()
    {
        using var key = RSA.Create(_rsaParameters);
        return key.KeySize == 2048;
    }

    [Benchmark, BenchmarkCategory("Import RSA 2048")]
    public bool ImportRsa_CreateThenImportRsaPublicKey()
    {
        using var key = RSA.Create();
        key.ImportRSAPublicKey(_rsaPkcs1PublicKey, out _);
        return key.KeySize == 2048;
    }

    [Benchmark, BenchmarkCategory("Cold decode + import")]
    public CoseKeyType Cold_ES256()
    {
        using var key = CoseKey.Decode(_es256Cose);
        return key.KeyType;
    }

    [Benchmark, BenchmarkCategory("Cold decode + import")]
    public CoseKeyType Cold_RS256()
    {
        using var key = CoseKey.Decode(_rs256Cose);
        return key.KeyType;
    }

    [Benchmark, BenchmarkCategory("Cold decode + import")]
    public CoseKeyType Cold_EdDSA()
    {
        using var key = CoseKey.Decode(_eddsaCose);
        return key.KeyType;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Verify ES256")]
    public bool Bare_ECDsaVerifyData_P1363() => _ecImported.VerifyData(_data, _ecP1363, HashAlgorithmName.SHA256);

    [Benchmark, BenchmarkCategory("Verify ES256")]
    public bool Bare_ECDsaVerifyData_Der() => _ecImported.VerifyData(_data, _ecDer, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    [Benchmark, BenchmarkCategory("Verify ES256")]
    public bool Warm_ES256_CachedVerify() => _cache.GetOrDecode(_es256Cose).VerifySignature(_data, _ecDer);

    [Benchmark, BenchmarkCategory("Verify RS256")]
    public bool Warm_RS256_CachedVerify() => _cache.GetOrDecode(_rs256Cose).VerifySignature(_data, _rsaSignature);

    [Benchmark, BenchmarkCategory("Verify EdDSA")]
    public bool Warm_EdDSA_CachedVerify() => _cache.GetOrDecode(_eddsaCose).VerifySignature(Ed25519Message, Ed25519Signature);

    [Benchmark, BenchmarkCategory("Authenticator data")]
    public uint Parse_AssertionAuthenticatorData() => AuthenticatorData.Parse(_assertionAuthData).SignCount;
}
