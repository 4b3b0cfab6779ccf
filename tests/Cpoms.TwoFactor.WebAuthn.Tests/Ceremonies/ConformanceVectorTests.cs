using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.WebAuthn.Cose;
using Cpoms.TwoFactor.WebAuthn.Protocol;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ceremonies;

/// <summary>
/// Every conformance vector in <c>Vectors/</c> (see its README) through the public ceremony services: the relying
/// party is configured from the vector (RP ID, origin, policy, trust anchors), the challenge and — for
/// authentication — the credential record are stored as the first half of the ceremony would have, the clock is
/// set to the vector's verification time, and the outcome must be the vector's.
/// </summary>
public sealed class ConformanceVectorTests
{
    private const string VectorUser = "vector-user";
    private const string ChallengeId = "vector-challenge";

    private static readonly string VectorDirectory = Path.Combine(AppContext.BaseDirectory, "Vectors");

    /// <summary>The vector error categories and the codes this package gives for them.</summary>
    private static readonly Dictionary<string, string> ErrorCodes = new(StringComparer.Ordinal)
    {
        ["signature-invalid"] = "webauthn.signature_invalid",
        ["counter-not-increased"] = "webauthn.counter_not_increased",
        ["user-verification-required"] = "webauthn.user_verification_required",
        ["cross-origin-not-allowed"] = "webauthn.cross_origin_not_allowed",
        ["safetynet-cts-profile-mismatch"] = "webauthn.attestation_safetynet_cts_profile_mismatch",
        ["android-key-authorization-list"] = "webauthn.attestation_android_key_authorization_list",
    };

    public static TheoryData<string> RegistrationVectors => Names("reg-");

    public static TheoryData<string> AuthenticationVectors => Names("auth-");

    [Fact]
    public void Vectors_AreAllCovered()
    {
        Assert.Equal(40, RegistrationVectors.Count + AuthenticationVectors.Count);
    }

    [Theory]
    [MemberData(nameof(RegistrationVectors))]
    public async Task CompleteRegistration_Vector_GivesTheExpectedOutcome(string name)
    {
        var vector = Load(name);
        var expected = vector["expected"]!;

        var result = await RegisterAsync(vector, relax: false);

        if (expected["valid"]!.GetValue<bool>())
        {
            Assert.True(result.Succeeded, result.ToString());
            var key = result.Value.SecurityKey!;
            Assert.Equal(Bytes(expected["credentialId"]), key.CredentialId);
            Assert.Equal(Bytes(expected["credentialPublicKey"]), key.PublicKey);
            Assert.Equal(expected["alg"]!.GetValue<int>(), key.Algorithm);
            Assert.Equal(expected["signCount"]!.GetValue<uint>(), key.SignCount);
            Assert.Equal(Guid.Parse(expected["aaguid"]!.GetValue<string>()), key.Aaguid);
            Assert.Equal(expected["fmt"]!.GetValue<string>(), key.AttestationFormat);
            Assert.Equal(expected["flags"]!["BE"]!.GetValue<bool>(), key.BackupEligible);
            Assert.Equal(expected["flags"]!["BS"]!.GetValue<bool>(), key.BackedUp);
            Assert.False(key.IsLegacyU2F);
        }
        else
        {
            Assert.Equal(ErrorCodes[expected["error"]!.GetValue<string>()], result.Error?.Code);
        }
    }

    [Theory]
    [MemberData(nameof(AuthenticationVectors))]
    public async Task CompleteAuthentication_Vector_GivesTheExpectedOutcome(string name)
    {
        var vector = Load(name);
        var expected = vector["expected"]!;

        var result = await AuthenticateAsync(vector, relax: false);

        if (expected["valid"]!.GetValue<bool>())
        {
            Assert.True(result.Succeeded, result.ToString());
            Assert.Equal(expected["newSignCount"]!.GetValue<uint>(), result.Value.SecurityKey!.SignCount);
            Assert.Equal(expected["flags"]!["BS"]!.GetValue<bool>(), result.Value.SecurityKey.BackedUp);
        }
        else
        {
            Assert.Equal(ErrorCodes[expected["error"]!.GetValue<string>()], result.Error?.Code);
        }
    }

    /// <summary>
    /// A negative vector fails for its one reason only: with the policy it breaks relaxed (or, for a counter, the
    /// stored count lowered), the same response is accepted.
    /// </summary>
    [Theory]
    [InlineData("auth-es256-counter-replay-rejected")]
    [InlineData("auth-es256-uv-required-not-verified-rejected")]
    [InlineData("reg-spec-none-es256-cross-origin-rejected")]
    [InlineData("reg-android-safetynet-es256-cts-false")]
    public async Task Complete_NegativeVectorWithItsOneRuleRelaxed_Succeeds(string name)
    {
        var vector = Load(name);

        var result = vector["ceremony"]!.GetValue<string>() == "registration"
            ? await RegisterAsync(vector, relax: true)
            : await AuthenticateAsync(vector, relax: true);

        Assert.True(result.Succeeded, result.ToString());
    }

    private static async Task<TwoFactorResult<Device>> RegisterAsync(JsonNode vector, bool relax)
    {
        using var harness = CreateHarness(vector, relax);
        var policy = vector["policy"]!;
        await harness.Challenges.AddAsync(new OneTimeChallenge
        {
            Id = ChallengeId,
            UserId = VectorUser,
            Purpose = WebAuthnRegistrationService.ChallengePurpose,
            Value = Bytes(vector["challenge"]),
            State = new CeremonyState
            {
                UserHandle = RandomNumberGenerator.GetBytes(64),
                UserVerification = UserVerification(policy),
                Algorithms = [.. Enum.GetValues<CoseAlgorithm>().Select(a => (int)a)],
            }.Serialize(),
            CreatedAt = harness.Clock.GetUtcNow(),
            ExpiresAt = harness.Clock.GetUtcNow().AddMinutes(5),
        });

        return await harness.Registration.CompleteRegistrationAsync(VectorUser, ChallengeId, "Vector key", vector["response"]!.ToJsonString());
    }

    private static async Task<TwoFactorResult<Device>> AuthenticateAsync(JsonNode vector, bool relax)
    {
        using var harness = CreateHarness(vector, relax);
        var credential = vector["credential"]!;
        var expected = vector["expected"]!;
        var credentialId = Bytes(credential["id"]);
        var userHandle = vector["response"]!["response"]!["userHandle"] is { } handle ? Bytes(handle) : RandomNumberGenerator.GetBytes(64);
        var storedCount = credential["signCount"]!.GetValue<uint>();
        var device = new Device
        {
            Id = DeviceIds.Create(),
            UserId = VectorUser,
            Kind = DeviceKind.SecurityKey,
            Name = "Vector key",
            RegisteredAt = harness.Clock.GetUtcNow(),
            SecurityKey = new SecurityKeyData
            {
                CredentialId = credentialId,
                PublicKey = Bytes(credential["publicKey"]),
                Algorithm = expected["alg"]!.GetValue<int>(),
                UserHandle = userHandle,
                SignCount = relax && storedCount > 0 ? storedCount - 1 : storedCount,
                BackupEligible = expected["flags"]!["BE"]!.GetValue<bool>(),
                BackedUp = expected["flags"]!["BS"]!.GetValue<bool>(),
            },
        };
        Assert.True(await harness.Devices.TryAddAsync(device));
        await harness.Challenges.AddAsync(new OneTimeChallenge
        {
            Id = ChallengeId,
            UserId = VectorUser,
            Purpose = WebAuthnAuthenticationService.ChallengePurpose,
            Value = Bytes(vector["challenge"]),
            State = new CeremonyState
            {
                UserVerification = relax ? WebAuthnUserVerification.Discouraged : UserVerification(vector["policy"]!),
                AllowCredentials = [credentialId],
            }.Serialize(),
            CreatedAt = harness.Clock.GetUtcNow(),
            ExpiresAt = harness.Clock.GetUtcNow().AddMinutes(5),
        });

        return await harness.Authentication.CompleteAuthenticationAsync(VectorUser, ChallengeId, vector["response"]!.ToJsonString());
    }

    private static CeremonyHarness CreateHarness(JsonNode vector, bool relax)
    {
        var policy = vector["policy"]!;
        var rpId = vector["rpId"]!.GetValue<string>();
        var origin = vector["origin"]!.GetValue<string>();
        var anchor = vector["expected"]!["attestationCertificates"]?["trustAnchor"]?.GetValue<string>();
        var time = policy["verificationTime"] is { } t
            ? DateTimeOffset.Parse(t.GetValue<string>(), CultureInfo.InvariantCulture)
            : (DateTimeOffset?)null;

        return new CeremonyHarness(
            o =>
            {
                o.Origins.Clear();
                if (origin.StartsWith("android:apk-key-hash:", StringComparison.Ordinal))
                {
                    o.Origins.Add("https://" + rpId);
                    o.AllowedAndroidApkKeyHashes.Add(origin["android:apk-key-hash:".Length..]);
                }
                else
                {
                    o.Origins.Add(origin);
                }

                o.AllowCrossOrigin = relax || (policy["allowCrossOrigin"]?.GetValue<bool>() ?? false);
                foreach (var top in policy["allowedTopOrigins"]?.AsArray() ?? [])
                {
                    o.AllowedTopOrigins.Add(top!.GetValue<string>());
                }

                o.UserVerification = UserVerification(policy);
                o.Attestation.SafetyNetRequireCtsProfileMatch = !relax && (policy["safetyNetRequireCtsProfileMatch"]?.GetValue<bool>() ?? true);
                if (anchor is not null)
                {
                    // The chain must really reach the vector's root: only trusted attestation is accepted.
                    o.Attestation.RequireTrustedAttestation = true;
                    foreach (var file in Directory.GetFiles(Path.Combine(VectorDirectory, "trust-anchors"), "*.json"))
                    {
                        o.Attestation.TrustAnchors.Add(X509CertificateLoader.LoadCertificate(Bytes(JsonNode.Parse(File.ReadAllText(file))!["der"])));
                    }
                }
            },
            time,
            null,
            rpId);
    }

    private static WebAuthnUserVerification UserVerification(JsonNode policy) =>
        policy["requireUserVerification"]?.GetValue<bool>() == true ? WebAuthnUserVerification.Required : WebAuthnUserVerification.Discouraged;

    private static JsonNode Load(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(VectorDirectory, name + ".json")))!;

    private static byte[] Bytes(JsonNode? node) => CeremonyHarness.Base64Url(node!.GetValue<string>());

    private static TheoryData<string> Names(string prefix)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(VectorDirectory, prefix + "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }
}
