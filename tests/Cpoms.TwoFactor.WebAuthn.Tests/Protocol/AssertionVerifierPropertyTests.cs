using System.Security.Cryptography;
using System.Text;

using Cpoms.TwoFactor.WebAuthn.Cose;
using Cpoms.TwoFactor.WebAuthn.Protocol;
using Cpoms.TwoFactor.WebAuthn.Tests.Ceremonies;
using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Protocol;

/// <summary>Properties of the store-free assertion core and the response parser over arbitrary changes of valid input.</summary>
public sealed class AssertionVerifierPropertyTests : IDisposable
{
    private const string RpId = "contoso.example";
    private const string Origin = "https://contoso.example";

    private readonly TestAuthenticator _key = new();
    private readonly byte[] _challenge = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _clientData;
    private readonly byte[] _authData;
    private readonly byte[] _signature;
    private readonly AssertionExpectations _expected;

    public AssertionVerifierPropertyTests()
    {
        _clientData = TestAuthenticator.ClientDataJson("webauthn.get", _challenge, Origin);
        _authData = _key.AuthenticatorData(RpId, TestFlags.UP, 5);
        _signature = _key.SignAssertion(_authData, _clientData);
        var policy = new RelyingPartyPolicy(RpId, [Origin], [], allowCrossOrigin: false, topOrigins: []);
        _expected = new AssertionExpectations(_challenge, policy, false, ReadOnlyMemory<byte>.Empty, new CoseKeyCache().GetOrDecode(_key.CosePublicKey()), 4);
    }

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Verify_UnchangedAssertion_Passes()
    {
        var outcome = AssertionVerifier.Verify(_clientData, _authData, _signature, _expected);

        Assert.Null(outcome.Error);
        Assert.Equal(5u, outcome.SignCount);
    }

    [Fact]
    public void Verify_AnySingleByteChange_IsRefusedWithoutAnException()
    {
        var changes =
            from part in Gen.Choose(0, 2)
            from index in Gen.Choose(0, 4096)
            from mask in Gen.Choose(1, 255)
            select (part, index, mask);

        Prop.ForAll(Arb.From(changes), change =>
        {
            byte[] clientData = [.. _clientData], authData = [.. _authData], signature = [.. _signature];
            var target = change.part switch { 0 => clientData, 1 => authData, _ => signature };
            target[change.index % target.Length] ^= (byte)change.mask;
            return AssertionVerifier.Verify(clientData, authData, signature, _expected).Error is not null;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Verify_TruncatedOrExtendedParts_AreRefusedWithoutAnException()
    {
        var changes =
            from part in Gen.Choose(0, 2)
            from length in Gen.Choose(0, 160)
            select (part, length);

        Prop.ForAll(Arb.From(changes), change =>
        {
            byte[] clientData = [.. _clientData], authData = [.. _authData], signature = [.. _signature];
            switch (change.part)
            {
                case 0: clientData = Resize(clientData, change.length); break;
                case 1: authData = Resize(authData, change.length); break;
                default: signature = Resize(signature, change.length); break;
            }

            return AssertionVerifier.Verify(clientData, authData, signature, _expected).Error is not null;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parse_ArbitraryChangesOfAResponse_NeverThrow()
    {
        var json = Encoding.UTF8.GetBytes(CeremonyHarness.AuthenticationJson(_key.CredentialId, _clientData, _authData, _signature, "AAEC"));
        var changes =
            from index in Gen.Choose(0, json.Length - 1)
            from value in Gen.Choose(0, 255)
            from cut in Gen.Choose(0, json.Length)
            select (index, value, cut);

        Prop.ForAll(Arb.From(changes), change =>
        {
            byte[] changed = [.. json];
            changed[change.index] = (byte)change.value;
            CredentialResponse.Parse(changed.AsSpan(0, change.cut), registration: false, out var error);
            CredentialResponse.Parse(changed, registration: true, out _);
            return change.cut == json.Length || error is not null;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Verify_ArbitraryClientDataBytes_NeverThrow()
    {
        Prop.ForAll<byte[]>(bytes =>
            ClientDataVerifier.Verify(bytes, ClientDataVerifier.AuthenticationType, _challenge, _expected.Policy) is not null)
            .QuickCheckThrowOnFailure();
    }

    private static byte[] Resize(byte[] data, int length) =>
        length == data.Length ? [.. data, 0] : length < data.Length ? data[..length] : [.. data, .. new byte[length - data.Length]];
}
