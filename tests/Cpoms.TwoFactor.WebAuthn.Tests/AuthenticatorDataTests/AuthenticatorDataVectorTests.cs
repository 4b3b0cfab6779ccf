using System.Text.Json;
using Cpoms.TwoFactor.WebAuthn.Cbor;
using Cpoms.TwoFactor.WebAuthn.Tests.Cbor;

namespace Cpoms.TwoFactor.WebAuthn.Tests.AuthenticatorDataTests;

/// <summary>Authenticator data of the public WebAuthn vectors, compared with each vector's <c>expected</c> values.</summary>
public sealed class AuthenticatorDataVectorTests
{
    public static TheoryData<string> Registrations() => [.. CborTestVectors.Names("reg-")];

    public static TheoryData<string> Assertions() => [.. CborTestVectors.Names("auth-")];

    [Theory]
    [MemberData(nameof(Registrations))]
    public void Parse_RegistrationVector_FlagsMatchExpected(string name)
    {
        var (root, data) = Registration(name);

        Assert.Equal(ExpectedFlags(root), ActualFlags(data));
    }

    [Theory]
    [MemberData(nameof(Registrations))]
    public void Parse_RegistrationVector_SignCountMatchesExpected(string name)
    {
        var (root, data) = Registration(name);

        Assert.Equal(root.GetProperty("expected").GetProperty("signCount").GetUInt32(), data.SignCount);
    }

    [Theory]
    [MemberData(nameof(Registrations))]
    public void Parse_RegistrationVector_AaguidMatchesExpected(string name)
    {
        var (root, data) = Registration(name);

        Assert.Equal(root.GetProperty("expected").GetProperty("aaguid").GetString(), data.AttestedCredentialData!.Aaguid.ToString());
        Assert.Equal(Convert.FromHexString(root.GetProperty("expected").GetProperty("aaguid").GetString()!.Replace("-", "", StringComparison.Ordinal)), data.AttestedCredentialData.AaguidBytes.ToArray());
    }

    [Theory]
    [MemberData(nameof(Registrations))]
    public void Parse_RegistrationVector_CredentialIdMatchesExpected(string name)
    {
        var (root, data) = Registration(name);

        Assert.Equal(CborTestVectors.FromBase64Url(root.GetProperty("expected").GetProperty("credentialId").GetString()!), data.AttestedCredentialData!.CredentialId.ToArray());
    }

    [Theory]
    [MemberData(nameof(Registrations))]
    public void Parse_RegistrationVector_CredentialPublicKeyMatchesExpected(string name)
    {
        var (root, data) = Registration(name);

        Assert.Equal(CborTestVectors.FromBase64Url(root.GetProperty("expected").GetProperty("credentialPublicKey").GetString()!), data.AttestedCredentialData!.CredentialPublicKey.ToArray());
    }

    [Theory]
    [MemberData(nameof(Registrations))]
    public void Parse_RegistrationVector_ExtensionKeysMatchExpected(string name)
    {
        var (root, data) = Registration(name);
        string[] expected = root.GetProperty("expected").TryGetProperty("authenticatorExtensionKeys", out var keys)
            ? [.. keys.EnumerateArray().Select(k => k.GetString()!)]
            : [];

        Assert.Equal(expected, data.Extensions?.Entries.Select(e => ((CborTextString)e.Key).Value) ?? []);
    }

    [Theory]
    [MemberData(nameof(Assertions))]
    public void Parse_AssertionVector_MatchesExpected(string name)
    {
        var root = CborTestVectors.Get(name);
        var raw = CborTestVectors.FromBase64Url(root.GetProperty("response").GetProperty("response").GetProperty("authenticatorData").GetString()!);

        var data = AuthenticatorData.Parse(raw);

        Assert.Equal(ExpectedFlags(root), ActualFlags(data));
        Assert.Equal(root.GetProperty("expected").GetProperty("newSignCount").GetUInt32(), data.SignCount);
        Assert.Null(data.AttestedCredentialData);
        Assert.Equal(raw, data.Raw.ToArray());
    }

    private static (JsonElement Root, AuthenticatorData Data) Registration(string name)
    {
        var root = CborTestVectors.Get(name);
        var attestation = (CborMap)CborDecoder.Decode(CborTestVectors.AttestationObject(name));
        return (root, AuthenticatorData.Parse(((CborByteString)attestation["authData"]!).Value));
    }

    private static string ExpectedFlags(JsonElement root)
    {
        var flags = root.GetProperty("expected").GetProperty("flags");
        return string.Join(',', new[] { "UP", "UV", "BE", "BS", "AT", "ED" }.Where(f => flags.TryGetProperty(f, out var v) && v.GetBoolean()));
    }

    private static string ActualFlags(AuthenticatorData data) => string.Join(',', new (string Name, bool Set)[]
    {
        ("UP", data.UserPresent),
        ("UV", data.UserVerified),
        ("BE", data.BackupEligible),
        ("BS", data.BackedUp),
        ("AT", data.AttestedCredentialData is not null),
        ("ED", data.Extensions is not null),
    }.Where(f => f.Set).Select(f => f.Name));
}
