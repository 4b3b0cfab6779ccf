using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

using BenchmarkDotNet.Attributes;

using Cpoms.TwoFactor.WebAuthn;
using Cpoms.TwoFactor.WebAuthn.Attestation;
using Cpoms.TwoFactor.WebAuthn.Cbor;
using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.Benchmarks;

/// <summary>
/// Attestation statement verification (WebAuthn §8) of real registrations from the test vectors: the per-registration
/// cost the registration ceremony pays after parsing. Certificates are parsed from x5c on every call, as in production.
/// </summary>
[MemoryDiagnoser]
public class AttestationBenchmarks
{
    private static readonly DateTimeOffset SpecTime = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private Registration _packed = null!;
    private Registration _fidoU2f = null!;
    private Registration _packedSpec = null!;
    private AttestationVerifier _verifier = null!;
    private AttestationVerifier _anchoredVerifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        _packed = Registration.Load("reg-packed-es256-yubikey5-full");
        _fidoU2f = Registration.Load("reg-fido-u2f-es256-yubikey");
        _packedSpec = Registration.Load("reg-spec-packed-es256-full");
        _verifier = new AttestationVerifier(new AttestationTrustOptions(), TimeProvider.System);
        var anchored = new AttestationTrustOptions { RequireTrustedAttestation = true };
        anchored.TrustAnchors.Add(Registration.LoadTrustAnchor("w3c-webauthn-test-vectors-ca"));
        _anchoredVerifier = new AttestationVerifier(anchored, TimeProvider.System);
    }

    /// <summary>packed with x5c: ECDSA P-256 signature by the attestation certificate, §8.2.1 checks, AAGUID extension.</summary>
    [Benchmark]
    public bool PackedX5c() => Verify(_verifier, _packed);

    /// <summary>fido-u2f: one P-256 certificate, ECDSA signature over the U2F registration data.</summary>
    [Benchmark]
    public bool FidoU2f() => Verify(_verifier, _fidoU2f);

    /// <summary>packed with x5c, then the trust decision: an X509Chain build to a configured anchor.</summary>
    [Benchmark]
    public bool PackedX5cWithTrustChain()
    {
        var verified = _anchoredVerifier.Verify("packed", _packedSpec.Statement, _packedSpec.AuthenticatorData, _packedSpec.ClientDataHash, _packedSpec.Key, SpecTime);
        var trusted = _anchoredVerifier.EvaluateTrust(verified.Value!, SpecTime);
        Dispose(verified.Value!.TrustPath);
        return trusted.Succeeded;
    }

    private static bool Verify(AttestationVerifier verifier, Registration registration)
    {
        var result = verifier.Verify(registration.Format, registration.Statement, registration.AuthenticatorData, registration.ClientDataHash, registration.Key);
        Dispose(result.Value!.TrustPath);
        return result.Succeeded;
    }

    private static void Dispose(X509Certificate2[] certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }

    private sealed record Registration(string Format, CborMap Statement, AuthenticatorData AuthenticatorData, byte[] ClientDataHash, CoseKey Key)
    {
        public static Registration Load(string name)
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(VectorsDirectory(), name + ".json")));
            var response = json.RootElement.GetProperty("response").GetProperty("response");
            var attestationObject = (CborMap)CborDecoder.Decode(Base64Url.DecodeFromChars(response.GetProperty("attestationObject").GetString()));
            var authenticatorData = AuthenticatorData.Parse(((CborByteString)attestationObject["authData"]!).Value);
            return new Registration(
                ((CborTextString)attestationObject["fmt"]!).Value,
                (CborMap)attestationObject["attStmt"]!,
                authenticatorData,
                SHA256.HashData(Base64Url.DecodeFromChars(response.GetProperty("clientDataJSON").GetString())),
                CoseKey.Decode(authenticatorData.AttestedCredentialData!.CredentialPublicKey));
        }

        public static X509Certificate2 LoadTrustAnchor(string name)
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(VectorsDirectory(), "trust-anchors", name + ".json")));
            return X509CertificateLoader.LoadCertificate(Base64Url.DecodeFromChars(json.RootElement.GetProperty("der").GetString()));
        }

        private static string VectorsDirectory()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "Cpoms.TwoFactor.WebAuthn.Tests", "Vectors");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("tests/Cpoms.TwoFactor.WebAuthn.Tests/Vectors was not found above " + AppContext.BaseDirectory);
        }
    }
}
