using System.Buffers.Text;
using System.Text.Json;

using Cpoms.TwoFactor.WebAuthn.Attestation;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

public sealed class TpmStructureTests
{
    [Fact]
    public void ParsePublicArea_ReadsEccPoint()
    {
        byte[] x = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
        byte[] y = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

        var area = TpmPublicArea.Parse(TpmBuilder.EccPublicArea(x, y));

        Assert.Equal(TpmBuilder.AlgEcc, area.Type);
        Assert.Equal(TpmBuilder.AlgSha256, area.NameAlg);
        Assert.Equal(TpmBuilder.CurveP256, area.EccCurve);
        Assert.Equal(x, area.EccX);
        Assert.Equal(y, area.EccY);
    }

    [Fact]
    public void ParsePublicArea_ReadsEccWithSigningScheme()
    {
        var area = TpmPublicArea.Parse(TpmBuilder.EccPublicArea(new byte[32], [.. Enumerable.Repeat((byte)7, 32)], scheme: TpmBuilder.AlgEcdsa));

        Assert.Equal(Enumerable.Repeat((byte)7, 32), area.EccY);
    }

    [Fact]
    public void ParsePublicArea_ReplacesDefaultRsaExponent()
    {
        var modulus = Enumerable.Repeat((byte)0xA5, 256).ToArray();

        var area = TpmPublicArea.Parse(TpmBuilder.RsaPublicArea(modulus));

        Assert.Equal(TpmBuilder.AlgRsa, area.Type);
        Assert.Equal(65537u, area.RsaExponent);
        Assert.Equal(2048, area.RsaKeyBits);
        Assert.Equal(modulus, area.RsaModulus);
    }

    [Fact]
    public void ParsePublicArea_ReadsSymmetricDetails()
    {
        var area = TpmPublicArea.Parse(TpmBuilder.RsaPublicArea([0xC3, 0x01], exponent: 3, symmetric: TpmBuilder.AlgAes));

        Assert.Equal(3u, area.RsaExponent);
        Assert.Equal([0xC3, 0x01], area.RsaModulus);
    }

    [Fact]
    public void ParsePublicArea_RejectsTrailingBytes()
    {
        byte[] pubArea = [.. TpmBuilder.EccPublicArea(new byte[32], new byte[32]), 0x00];

        Assert.Throws<AttestationFormatException>(() => TpmPublicArea.Parse(pubArea));
    }

    [Fact]
    public void ParsePublicArea_RejectsTruncation()
    {
        var pubArea = TpmBuilder.EccPublicArea(new byte[32], new byte[32]);

        Assert.Throws<AttestationFormatException>(() => TpmPublicArea.Parse(pubArea.AsSpan(0, pubArea.Length - 1)));
    }

    [Fact]
    public void ParsePublicArea_RejectsKeyedHashObjects()
    {
        var pubArea = new TpmBuilder().U16(0x0008).U16(TpmBuilder.AlgSha256).U32(0).Sized([]).U16(TpmBuilder.AlgNull).ToArray();

        Assert.Throws<AttestationFormatException>(() => TpmPublicArea.Parse(pubArea));
    }

    [Fact]
    public void ParseCertInfo_ReadsCertifyInfo()
    {
        byte[] extra = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
        byte[] name = [0x00, 0x0B, .. Enumerable.Repeat((byte)0xEE, 32)];

        var info = TpmAttestation.Parse(TpmBuilder.CertInfo(extra, name));

        Assert.Equal(TpmBuilder.GeneratedValue, info.Magic);
        Assert.Equal(TpmBuilder.StAttestCertify, info.Type);
        Assert.Equal(extra, info.ExtraData);
        Assert.Equal(name, info.AttestedName);
    }

    [Fact]
    public void ParseCertInfo_LeavesNameUnsetForOtherTypes()
    {
        var certInfo = new TpmBuilder().U32(TpmBuilder.GeneratedValue).U16(TpmBuilder.StAttestQuote).Sized([]).Sized([1])
            .U64(0).U32(0).U32(0).U8(0).U64(0).Sized([5, 5]).ToArray();

        var info = TpmAttestation.Parse(certInfo);

        Assert.Equal(TpmBuilder.StAttestQuote, info.Type);
        Assert.Null(info.AttestedName);
    }

    [Fact]
    public void ParseCertInfo_RejectsTrailingBytes()
    {
        byte[] certInfo = [.. TpmBuilder.CertInfo([1], [2]), 0xFF];

        Assert.Throws<AttestationFormatException>(() => TpmAttestation.Parse(certInfo));
    }

    [Fact]
    public void ParseCertInfo_RejectsSizeBeyondEnd()
    {
        byte[] certInfo = [0xFF, 0x54, 0x43, 0x47, 0x80, 0x17, 0xFF, 0xFF, 0x00];

        Assert.Throws<AttestationFormatException>(() => TpmAttestation.Parse(certInfo));
    }

    [Fact]
    public void ParsePublicArea_ReadsW3cTestVectorPoint()
    {
        // WebAuthn L3 §16 TPM test vector: pubArea's point must be the x and y of the credential public key that the
        // vector file records (COSE -2 and -3), checked here without the COSE decoder.
        var (pubArea, credentialKey) = ReadSpecTpmVector();

        var area = TpmPublicArea.Parse(pubArea);

        Assert.Equal(credentialKey.AsSpan(10, 32).ToArray(), area.EccX);
        Assert.Equal(credentialKey.AsSpan(45, 32).ToArray(), area.EccY);
    }

    private static (byte[] PubArea, byte[] CredentialKey) ReadSpecTpmVector()
    {
        var vector = VectorFiles.Load("reg-spec-tpm-es256");
        var attestationObject = Base64Url.DecodeFromChars(vector.GetProperty("response").GetProperty("response").GetProperty("attestationObject").GetString());
        var credentialKey = Base64Url.DecodeFromChars(vector.GetProperty("expected").GetProperty("credentialPublicKey").GetString());

        // COSE EC2 key layout a5 01 02 03 26 20 01 21 58 20 <x> 22 58 20 <y>: x at 10, y at 45.
        Assert.Equal([0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20], credentialKey[..10]);

        // pubArea is the byte string after the text key "pubArea" (67 70 75 62 41 72 65 61) and its head 58 56.
        ReadOnlySpan<byte> marker = [0x67, 0x70, 0x75, 0x62, 0x41, 0x72, 0x65, 0x61, 0x58];
        var at = attestationObject.AsSpan().IndexOf(marker) + marker.Length;
        var length = attestationObject[at];
        return (attestationObject.AsSpan(at + 1, length).ToArray(), credentialKey);
    }
}
