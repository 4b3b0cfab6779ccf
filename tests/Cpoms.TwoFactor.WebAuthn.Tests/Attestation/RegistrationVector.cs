using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

using Cpoms.TwoFactor.WebAuthn.Attestation;
using Cpoms.TwoFactor.WebAuthn.Cbor;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

/// <summary>A registration vector (Vectors/README.md, schema webauthn-vector/1) reduced to the attestation step's inputs.</summary>
internal sealed class RegistrationVector
{
    private RegistrationVector(string name, JsonElement json)
    {
        Name = name;
        var response = json.GetProperty("response").GetProperty("response");
        var attestationObject = (CborMap)CborDecoder.Decode(Base64Url.DecodeFromChars(response.GetProperty("attestationObject").GetString()));
        Format = ((CborTextString)attestationObject["fmt"]!).Value;
        Statement = (CborMap)attestationObject["attStmt"]!;
        AuthData = ((CborByteString)attestationObject["authData"]!).Value;
        ClientDataHash = SHA256.HashData(Base64Url.DecodeFromChars(response.GetProperty("clientDataJSON").GetString()));

        var expected = json.GetProperty("expected");
        Valid = expected.GetProperty("valid").GetBoolean();
        Error = expected.GetProperty("error").GetString();
        AttestationType = expected.GetProperty("attestationType").GetString()!;
        CredentialAlgorithm = expected.GetProperty("alg").GetInt32();
        TrustAnchorName = expected.TryGetProperty("attestationCertificates", out var certificates) && certificates.ValueKind == JsonValueKind.Object
            && certificates.GetProperty("trustAnchor").ValueKind == JsonValueKind.String
                ? certificates.GetProperty("trustAnchor").GetString()
                : null;

        var policy = json.GetProperty("policy");
        VerificationTime = policy.TryGetProperty("verificationTime", out var time)
            ? DateTimeOffset.Parse(time.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;
        SafetyNetRequireCtsProfileMatch = !policy.TryGetProperty("safetyNetRequireCtsProfileMatch", out var cts) || cts.GetBoolean();
    }

    public string Name { get; }

    public string Format { get; }

    public CborMap Statement { get; }

    public ReadOnlyMemory<byte> AuthData { get; }

    public byte[] ClientDataHash { get; }

    public bool Valid { get; }

    public string? Error { get; }

    /// <summary>The vector's attestation type spelling: none, self, basic, attca, anonca, basic_or_attca.</summary>
    public string AttestationType { get; }

    public int CredentialAlgorithm { get; }

    public string? TrustAnchorName { get; }

    public DateTimeOffset? VerificationTime { get; }

    public bool SafetyNetRequireCtsProfileMatch { get; }

    /// <summary>
    /// Whether the attestation step itself should succeed: valid vectors, and negative vectors whose one failure is
    /// outside the attestation step (such as a cross-origin client data).
    /// </summary>
    public bool AttestationValid => Valid || Error is not ("safetynet-cts-profile-mismatch" or "android-key-authorization-list");

    public static RegistrationVector Load(string name) => new(name, VectorFiles.Load(name));

    public static X509Certificate2 LoadTrustAnchor(string name) =>
        X509CertificateLoader.LoadCertificate(Base64Url.DecodeFromChars(LoadTrustAnchorJson(name).GetProperty("der").GetString()));

    public static IEnumerable<string> TrustAnchorNames() =>
        Directory.EnumerateFiles(Path.Combine(VectorFiles.Directory, "trust-anchors"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static string TrustAnchorSubject(string name) => LoadTrustAnchorJson(name).GetProperty("subject").GetString()!;

    public static AttestationType ParseType(string type) => type switch
    {
        "none" => Cpoms.TwoFactor.WebAuthn.Attestation.AttestationType.None,
        "self" => Cpoms.TwoFactor.WebAuthn.Attestation.AttestationType.Self,
        "basic" => Cpoms.TwoFactor.WebAuthn.Attestation.AttestationType.Basic,
        "attca" => Cpoms.TwoFactor.WebAuthn.Attestation.AttestationType.AttCA,
        "anonca" => Cpoms.TwoFactor.WebAuthn.Attestation.AttestationType.AnonCA,
        "basic_or_attca" => Cpoms.TwoFactor.WebAuthn.Attestation.AttestationType.BasicOrAttCA,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown attestation type in vector."),
    };

    /// <summary>The catalogue code that stands for a vector's error category (Vectors/README.md).</summary>
    public static string ErrorCode(string category) => category switch
    {
        "safetynet-cts-profile-mismatch" => "webauthn.attestation_safetynet_cts_profile_mismatch",
        "android-key-authorization-list" => "webauthn.attestation_android_key_authorization_list",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Not an attestation error category."),
    };

    private static JsonElement LoadTrustAnchorJson(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(VectorFiles.Directory, "trust-anchors", name + ".json")));
        return document.RootElement.Clone();
    }
}
