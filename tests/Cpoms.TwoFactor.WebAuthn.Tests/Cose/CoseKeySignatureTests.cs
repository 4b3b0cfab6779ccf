using System.Security.Cryptography;
using Cpoms.TwoFactor.WebAuthn.Cose;
using static Cpoms.TwoFactor.WebAuthn.Tests.Cose.CoseTestKeys;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Cose;

/// <summary>Signature formats of WebAuthn §6.5.6, with signatures made by the platform as the independent signer.</summary>
public sealed class CoseKeySignatureTests
{
    private static readonly byte[] Data = "authenticatorData || SHA-256(clientDataJSON)"u8.ToArray();

    // One RSA key for every test: generating 2048-bit keys is slow.
    private static readonly RSA RsaSigner = RSA.Create(2048);

    [Theory]
    [InlineData(1, -7)]
    [InlineData(2, -35)]
    [InlineData(3, -36)]
    public void VerifySignature_DerEcdsaSignature_IsValid(int crv, int alg)
    {
        using var signer = ECDsa.Create(Curve(crv));
        var hash = alg switch { -7 => HashAlgorithmName.SHA256, -35 => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 };
        var signature = signer.SignData(Data, hash, DSASignatureFormat.Rfc3279DerSequence);
        using var key = CoseKey.Decode(Encode(Ec2(signer, alg, crv)));

        Assert.True(key.VerifySignature(Data, signature));
    }

    [Fact]
    public void VerifySignature_P1363InsteadOfDer_IsInvalid()
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = signer.SignData(Data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        using var key = CoseKey.Decode(Encode(Ec2(signer, -7, 1)));

        Assert.False(key.VerifySignature(Data, signature));
    }

    [Fact]
    public void VerifySignature_EcdsaOverOtherData_IsInvalid()
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = signer.SignData(Data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        using var key = CoseKey.Decode(Encode(Ec2(signer, -7, 1)));

        Assert.False(key.VerifySignature(Data.AsSpan(1), signature));
    }

    [Fact]
    public void VerifySignature_EcdsaWithTrailingByte_IsInvalid()
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] signature = [.. signer.SignData(Data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), 0];
        using var key = CoseKey.Decode(Encode(Ec2(signer, -7, 1)));

        Assert.False(key.VerifySignature(Data, signature));
    }

    [Theory]
    [InlineData(-257, "SHA256", false)]
    [InlineData(-258, "SHA384", false)]
    [InlineData(-259, "SHA512", false)]
    [InlineData(-37, "SHA256", true)]
    [InlineData(-38, "SHA384", true)]
    [InlineData(-39, "SHA512", true)]
    public void VerifySignature_RsaSignature_IsValid(int alg, string hash, bool pss)
    {
        var signer = RsaSigner;
        var signature = signer.SignData(Data, new HashAlgorithmName(hash), pss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
        using var key = CoseKey.Decode(Encode(Rsa(signer, alg)));

        Assert.True(key.VerifySignature(Data, signature));
    }

    [Fact]
    public void VerifySignature_Pkcs1SignatureForPssKey_IsInvalid()
    {
        var signer = RsaSigner;
        var signature = signer.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var key = CoseKey.Decode(Encode(Rsa(signer, -37)));

        Assert.False(key.VerifySignature(Data, signature));
    }

    [Fact]
    public void VerifySignature_RsaSignatureOfWrongLength_IsInvalid()
    {
        var signer = RsaSigner;
        var signature = signer.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var key = CoseKey.Decode(Encode(Rsa(signer, -257)));

        Assert.False(key.VerifySignature(Data, signature.AsSpan(1)));
    }

    [Fact]
    public void VerifySignature_EmptyRsaSignature_IsInvalid()
    {
        var signer = RsaSigner;
        using var key = CoseKey.Decode(Encode(Rsa(signer, -257)));

        Assert.False(key.VerifySignature(Data, []));
    }

    [Fact]
    public void VerifySignature_Rfc8032Test2_IsValid()
    {
        // RFC 8032 §7.1 TEST 2: one-byte message 0x72.
        var x = Convert.FromHexString("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        var signature = Convert.FromHexString("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        using var key = CoseKey.Decode(Encode(Okp(-8, 6, x)));

        Assert.True(key.VerifySignature([0x72], signature));
    }

    [Fact]
    public void VerifySignature_Rfc8032Test2WithOtherMessage_IsInvalid()
    {
        var x = Convert.FromHexString("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        var signature = Convert.FromHexString("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        using var key = CoseKey.Decode(Encode(Okp(-8, 6, x)));

        Assert.False(key.VerifySignature([0x73], signature));
    }

    [Fact]
    public void VerifySignature_AfterDispose_ThrowsObjectDisposed()
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = CoseKey.Decode(Encode(Ec2(signer, -7, 1)));
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.VerifySignature(Data, [0x30, 0x00]));
    }

    private static ECCurve Curve(int crv) => crv switch
    {
        1 => ECCurve.NamedCurves.nistP256,
        2 => ECCurve.NamedCurves.nistP384,
        _ => ECCurve.NamedCurves.nistP521,
    };
}
