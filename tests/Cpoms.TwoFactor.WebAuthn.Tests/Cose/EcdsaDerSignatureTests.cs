using Cpoms.TwoFactor.WebAuthn.Cose;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Cose;

/// <summary>DER (X.690 §10) rules for RFC 3279 ECDSA signatures, with hand-assembled encodings.</summary>
public sealed class EcdsaDerSignatureTests
{
    [Fact]
    public void TryConvertToP1363_MinimalSignature_PadsIntegersToFieldSize()
    {
        var destination = new byte[64];

        Assert.True(EcdsaDerSignature.TryConvertToP1363(Convert.FromHexString("3006020101020102"), 32, destination));
        Assert.Equal(1, destination[31]);
        Assert.Equal(2, destination[63]);
        Assert.Equal(62, destination.Count(b => b == 0));
    }

    [Fact]
    public void TryConvertToP1363_HighBitIntegerWithSignByte_StripsSignByte()
    {
        var destination = new byte[64];
        var r = "00" + new string('f', 64);

        Assert.True(EcdsaDerSignature.TryConvertToP1363(Convert.FromHexString("3026" + "0221" + r + "020101"), 32, destination));
        Assert.All(destination[..32], b => Assert.Equal(0xff, b));
    }

    [Fact]
    public void TryConvertToP1363_P521LongFormLength_IsAccepted()
    {
        var destination = new byte[132];
        var r = "01" + new string('a', 130);
        var der = "3081" + "88" + "0242" + r + "0242" + r;

        Assert.True(EcdsaDerSignature.TryConvertToP1363(Convert.FromHexString(der), 66, destination));
    }

    [Theory]
    [InlineData("")] // empty
    [InlineData("30")] // no length
    [InlineData("3106020101020102")] // SET, not SEQUENCE
    [InlineData("3007020101020102")] // sequence length too long
    [InlineData("3005020101020102")] // sequence length too short
    [InlineData("300602010102010200")] // trailing byte
    [InlineData("308106020101020102")] // long-form length below 128
    [InlineData("30060201ff020102")] // negative r
    [InlineData("3006020100020102")] // r = 0
    [InlineData("300702020001020102")] // non-minimal r (leading zero before a low byte)
    [InlineData("3006030101020102")] // r is not an INTEGER
    [InlineData("300402010102")] // s truncated
    [InlineData("30050201010200")] // s has zero length
    public void TryConvertToP1363_NonDer_IsRejected(string hex)
    {
        Assert.False(EcdsaDerSignature.TryConvertToP1363(Convert.FromHexString(hex), 32, new byte[64]));
    }

    [Fact]
    public void TryConvertToP1363_IntegerLongerThanField_IsRejected()
    {
        var r = "01" + new string('0', 64); // 33 significant bytes

        Assert.False(EcdsaDerSignature.TryConvertToP1363(Convert.FromHexString("3026" + "0221" + r + "020101"), 32, new byte[64]));
    }
}
