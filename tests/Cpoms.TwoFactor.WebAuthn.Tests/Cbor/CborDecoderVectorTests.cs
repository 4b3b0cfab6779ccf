using Cpoms.TwoFactor.WebAuthn.Cbor;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Cbor;

/// <summary>The attestation objects of the real WebAuthn vectors, and which conformance level they meet.</summary>
public sealed class CborDecoderVectorTests
{
    public static TheoryData<string> Registrations() => [.. CborTestVectors.Names("reg-")];

    [Theory]
    [MemberData(nameof(Registrations))]
    public void Decode_AttestationObject_IsAStrictMapWithTheThreeMembers(string name)
    {
        var map = Assert.IsType<CborMap>(CborDecoder.Decode(CborTestVectors.AttestationObject(name)));

        Assert.IsType<CborTextString>(map["fmt"]);
        Assert.IsType<CborMap>(map["attStmt"]);
        Assert.IsType<CborByteString>(map["authData"]);
    }

    [Fact]
    public void Decode_FeitianAttestationObject_IsNotCtap2Canonical()
    {
        // This real authenticator orders fmt, authData, attStmt ("authData" is longer than "attStmt"), so
        // attestation objects must be decoded with Strict, not Ctap2Canonical.
        var bytes = CborTestVectors.AttestationObject("reg-packed-es256-feitian-biopass-formatted-clientdata");

        var ex = Assert.Throws<CborFormatException>(() => CborDecoder.Decode(bytes, CborConformance.Ctap2Canonical));

        Assert.Contains("not in CTAP2 canonical order", ex.Message, StringComparison.Ordinal);
    }
}
