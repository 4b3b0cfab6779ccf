using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

using Cpoms.TwoFactor.WebAuthn.Attestation;
using Cpoms.TwoFactor.WebAuthn.Tests.Cbor;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

public sealed class AndroidSafetyNetAttestationTests : IDisposable
{
    private static readonly RSA SharedSigningKey = RSA.Create(2048);
    private static readonly RSA OtherKey = RSA.Create(2048);
    private readonly RSA _signingKey = SharedSigningKey;
    private readonly X509Certificate2 _root = TestCertificates.CreateRoot();
    private readonly X509Certificate2 _leaf;

    public AndroidSafetyNetAttestationTests()
    {
        _leaf = SigningCertificate("attest.android.com");
    }

    [Fact]
    public void Verify_AcceptsFreshResponse()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("android-safetynet", Statement(Payload(registration)));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(AttestationType.Basic, result.Value.Type);
        Assert.Equal(2, result.Value.TrustPath.Length);
    }

    [Fact]
    public void Verify_RejectsNonceOfOtherRegistration()
    {
        using var registration = SyntheticRegistration.CreateEc();
        var payload = Payload(registration) with { Nonce = Convert.ToBase64String(SHA256.HashData(registration.AuthData)) };

        var result = registration.Verify("android-safetynet", Statement(payload));

        Assert.Equal("webauthn.attestation_safetynet_nonce_mismatch", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsUnpaddedNonce()
    {
        using var registration = SyntheticRegistration.CreateEc();
        var payload = Payload(registration) with { Nonce = Payload(registration).Nonce.TrimEnd('=') };

        var result = registration.Verify("android-safetynet", Statement(payload));

        Assert.Equal("webauthn.attestation_safetynet_nonce_mismatch", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsCtsProfileMismatch()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("android-safetynet", Statement(Payload(registration) with { CtsProfileMatch = false }));

        Assert.Equal("webauthn.attestation_safetynet_cts_profile_mismatch", result.Error?.Code);
    }

    [Fact]
    public void Verify_AcceptsCtsProfileMismatchWhenPolicyAllows()
    {
        using var registration = SyntheticRegistration.CreateEc();
        var options = new AttestationTrustOptions { SafetyNetRequireCtsProfileMatch = false };

        var result = registration.Verify("android-safetynet", Statement(Payload(registration) with { CtsProfileMatch = false }), options);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Theory]
    [InlineData(-61)]
    [InlineData(61)]
    public void Verify_RejectsTimestampOutsideMaxAge(int seconds)
    {
        using var registration = SyntheticRegistration.CreateEc();
        var payload = Payload(registration) with { TimestampMs = SyntheticRegistration.Now.AddSeconds(seconds).ToUnixTimeMilliseconds() };

        var result = registration.Verify("android-safetynet", Statement(payload));

        Assert.Equal("webauthn.attestation_safetynet_stale", result.Error?.Code);
    }

    [Theory]
    [InlineData(-59)]
    [InlineData(59)]
    public void Verify_AcceptsTimestampWithinMaxAge(int seconds)
    {
        using var registration = SyntheticRegistration.CreateEc();
        var payload = Payload(registration) with { TimestampMs = SyntheticRegistration.Now.AddSeconds(seconds).ToUnixTimeMilliseconds() };

        var result = registration.Verify("android-safetynet", Statement(payload));

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public void Verify_AcceptsOlderTimestampUnderLongerMaxAge()
    {
        using var registration = SyntheticRegistration.CreateEc();
        var payload = Payload(registration) with { TimestampMs = SyntheticRegistration.Now.AddMinutes(-4).ToUnixTimeMilliseconds() };

        var result = registration.Verify("android-safetynet", Statement(payload), new AttestationTrustOptions { SafetyNetMaxAge = TimeSpan.FromMinutes(5) });

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public void Verify_RejectsMissingTimestamp()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("android-safetynet", Statement(Payload(registration) with { TimestampMs = null }));

        Assert.Equal("webauthn.attestation_safetynet_stale", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsCertificateForOtherHost()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var leaf = SigningCertificate("attest.example.com");

        var result = registration.Verify("android-safetynet", Statement(Payload(registration), leaf));

        Assert.Equal("webauthn.attestation_certificate_invalid", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsWrongSignature()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("android-safetynet", Statement(Payload(registration), signingKey: OtherKey));

        Assert.Equal("webauthn.attestation_invalid_signature", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsUnsupportedJwsAlgorithm()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("android-safetynet", Statement(Payload(registration), algorithm: "HS256"));

        Assert.Equal("webauthn.attestation_algorithm_unsupported", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsResponseThatIsNotJws()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("android-safetynet", Stmt.Map(("ver", Stmt.Text("1")), ("response", Stmt.Bytes("not a jws"u8.ToArray()))));

        Assert.Equal("webauthn.attestation_malformed", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsMissingVersion()
    {
        using var registration = SyntheticRegistration.CreateEc();
        var statement = (CborNode.Map)Statement(Payload(registration));

        var result = registration.Verify("android-safetynet", new CborNode.Map([.. statement.Entries.Where(e => e.Key != new CborNode.Text("ver"))]));

        Assert.Equal("webauthn.attestation_malformed", result.Error?.Code);
    }

    public void Dispose()
    {
        _leaf.Dispose();
        _root.Dispose();
    }

    private X509Certificate2 SigningCertificate(string host)
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        return TestCertificates.CreateLeaf(_signingKey, _root, $"CN={host}, O=Cpoms Test, C=GB", [san.Build()]);
    }

    private static SafetyNetPayload Payload(SyntheticRegistration registration) => new(
        Convert.ToBase64String(SHA256.HashData(registration.SignedData)),
        SyntheticRegistration.Now.ToUnixTimeMilliseconds(),
        CtsProfileMatch: true);

    /// <summary>A compact JWS (RFC 7515 §7.1) signed RS256 (RFC 7518 §3.3), x5c in the header as standard base64.</summary>
    private CborNode Statement(SafetyNetPayload payload, X509Certificate2? leaf = null, RSA? signingKey = null, string algorithm = "RS256")
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["alg"] = algorithm,
            ["x5c"] = new[] { Convert.ToBase64String((leaf ?? _leaf).RawData), Convert.ToBase64String(_root.RawData) },
        });
        var body = new Dictionary<string, object> { ["nonce"] = payload.Nonce, ["ctsProfileMatch"] = payload.CtsProfileMatch, ["basicIntegrity"] = true };
        if (payload.TimestampMs is { } timestamp)
        {
            body["timestampMs"] = timestamp;
        }

        var signingInput = $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(body))}";
        var signature = (signingKey ?? _signingKey).SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var jws = Encoding.ASCII.GetBytes($"{signingInput}.{Base64Url.EncodeToString(signature)}");
        return Stmt.Map(("ver", Stmt.Text("14366018")), ("response", Stmt.Bytes(jws)));
    }

    private sealed record SafetyNetPayload(string Nonce, long? TimestampMs, bool CtsProfileMatch);
}
