using Cpoms.TwoFactor.WebAuthn.Cbor;

namespace Cpoms.TwoFactor.WebAuthn.Tests.AuthenticatorDataTests;

/// <summary>WebAuthn §6.1 / §6.5.1 structure rules, on hand-assembled authenticator data.</summary>
public sealed class AuthenticatorDataParseTests
{
    // A minimal COSE-shaped map {1: 2}; Parse checks only that the key is one CBOR map.
    private static readonly byte[] Key = [0xa1, 0x01, 0x02];

    private static byte[] Fixed(byte flags, uint signCount = 0x01020304)
    {
        var bytes = new byte[37];
        for (var i = 0; i < 32; i++)
        {
            bytes[i] = (byte)i;
        }

        bytes[32] = flags;
        bytes[33] = (byte)(signCount >> 24);
        bytes[34] = (byte)(signCount >> 16);
        bytes[35] = (byte)(signCount >> 8);
        bytes[36] = (byte)signCount;
        return bytes;
    }

    private static byte[] Attested(int idLength, int declaredLength = -1) =>
    [
        .. Enumerable.Range(0xa0, 16).Select(i => (byte)i),
        (byte)((declaredLength < 0 ? idLength : declaredLength) >> 8),
        (byte)(declaredLength < 0 ? idLength : declaredLength),
        .. Enumerable.Repeat((byte)0x5a, idLength),
    ];

    private static AuthenticatorDataFormatException Reject(byte[] raw) => Assert.Throws<AuthenticatorDataFormatException>(() => AuthenticatorData.Parse(raw));

    [Fact]
    public void Parse_AssertionData_ReadsFixedFields()
    {
        var data = AuthenticatorData.Parse(Fixed(0x05));

        Assert.Equal(Enumerable.Range(0, 32).Select(i => (byte)i), data.RpIdHash.ToArray());
        Assert.Equal(AuthenticatorFlags.UserPresent | AuthenticatorFlags.UserVerified, data.Flags);
        Assert.Equal(0x01020304u, data.SignCount);
        Assert.True(data.UserPresent);
        Assert.True(data.UserVerified);
        Assert.False(data.BackupEligible);
        Assert.False(data.BackedUp);
        Assert.Null(data.AttestedCredentialData);
        Assert.Null(data.Extensions);
    }

    [Fact]
    public void Parse_MaximumSignCount_IsReadUnsigned()
    {
        Assert.Equal(uint.MaxValue, AuthenticatorData.Parse(Fixed(0x01, uint.MaxValue)).SignCount);
    }

    [Fact]
    public void Parse_BackupFlags_AreReported()
    {
        var data = AuthenticatorData.Parse(Fixed(0x19));

        Assert.True(data.BackupEligible);
        Assert.True(data.BackedUp);
    }

    [Fact]
    public void Parse_ReservedFlagBits_AreIgnored()
    {
        var data = AuthenticatorData.Parse(Fixed(0x23));

        Assert.True(data.UserPresent);
        Assert.Equal((AuthenticatorFlags)0x23, data.Flags);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(36)]
    public void Parse_ShorterThan37Bytes_Throws(int length)
    {
        var ex = Reject(new byte[length]);

        Assert.Contains("at least 37 are required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TrailingBytesWithoutAtOrEd_Throws()
    {
        var ex = Reject([.. Fixed(0x01), 0x00]);

        Assert.Contains("neither AT nor ED is set", ex.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset 37", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AttestedCredentialData_SlicesEveryPart()
    {
        byte[] raw = [.. Fixed(0x41), .. Attested(3), .. Key];

        var data = AuthenticatorData.Parse(raw);

        var attested = Assert.IsType<AttestedCredentialData>(data.AttestedCredentialData);
        Assert.Equal(Guid.Parse("a0a1a2a3-a4a5-a6a7-a8a9-aaabacadaeaf"), attested.Aaguid);
        Assert.Equal(Enumerable.Range(0xa0, 16).Select(i => (byte)i), attested.AaguidBytes.ToArray());
        Assert.Equal(new byte[] { 0x5a, 0x5a, 0x5a }, attested.CredentialId.ToArray());
        Assert.Equal(Key, attested.CredentialPublicKey.ToArray());
    }

    [Fact]
    public void Parse_CredentialIdOf1023Bytes_IsAccepted()
    {
        byte[] raw = [.. Fixed(0x41), .. Attested(1023), .. Key];

        Assert.Equal(1023, AuthenticatorData.Parse(raw).AttestedCredentialData!.CredentialId.Length);
    }

    [Fact]
    public void Parse_CredentialIdLengthAbove1023_Throws()
    {
        byte[] raw = [.. Fixed(0x41), .. Attested(1024), .. Key];

        var ex = Reject(raw);

        Assert.Contains("credentialIdLength 1024 exceeds 1023", ex.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset 53", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CredentialIdLengthBeyondInput_Throws()
    {
        byte[] raw = [.. Fixed(0x41), .. Attested(4, declaredLength: 200)];

        var ex = Reject(raw);

        Assert.Contains("credentialIdLength 200 exceeds the 4 byte(s) that remain", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(17)]
    public void Parse_AtFlagWithTruncatedAttestedData_Throws(int present)
    {
        byte[] raw = [.. Fixed(0x41), .. Attested(0).Take(present)];

        var ex = Reject(raw);

        Assert.Contains("attested credential data is truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AtFlagWithoutPublicKey_Throws()
    {
        var ex = Reject([.. Fixed(0x41), .. Attested(2)]);

        Assert.Contains("credential public key is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PublicKeyNotAMap_Throws()
    {
        var ex = Reject([.. Fixed(0x41), .. Attested(2), 0x80]);

        Assert.Contains("must be a CBOR map", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedPublicKey_ThrowsWithCborInnerException()
    {
        var ex = Reject([.. Fixed(0x41), .. Attested(2), 0xa2, 0x01, 0x02]);

        Assert.IsType<CborFormatException>(ex.InnerException);
        Assert.Contains("credential public key starting at byte offset 57", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AttestedDataWithoutAtFlag_Throws()
    {
        var ex = Reject([.. Fixed(0x01), .. Attested(2), .. Key]);

        Assert.Contains("neither AT nor ED is set", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TrailingBytesAfterPublicKey_Throws()
    {
        var ex = Reject([.. Fixed(0x41), .. Attested(2), .. Key, 0xa0]);

        Assert.Contains("after the last declared part", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExtensionsAfterPublicKey_AreParsed()
    {
        byte[] raw = [.. Fixed(0xc1), .. Attested(2), .. Key, 0xa1, 0x63, (byte)'c', (byte)'r', (byte)'p', 0xf5];

        var data = AuthenticatorData.Parse(raw);

        Assert.Equal(Key, data.AttestedCredentialData!.CredentialPublicKey.ToArray());
        Assert.Equal(CborSimple.True, Assert.IsType<CborSimpleValue>(data.Extensions!["crp"]).Value);
    }

    [Fact]
    public void Parse_ExtensionsWithoutAttestedData_AreParsed()
    {
        var data = AuthenticatorData.Parse((byte[])[.. Fixed(0x81), 0xa0]);

        Assert.Empty(data.Extensions!.Entries);
        Assert.Null(data.AttestedCredentialData);
    }

    [Fact]
    public void Parse_EdFlagWithoutExtensions_Throws()
    {
        var ex = Reject(Fixed(0x81));

        Assert.Contains("ED flag is set but no extensions follow", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExtensionsNotAMap_Throws()
    {
        var ex = Reject([.. Fixed(0x81), 0x80]);

        Assert.Contains("extensions must be a CBOR map", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TrailingBytesAfterExtensions_Throws()
    {
        var ex = Reject([.. Fixed(0x81), 0xa0, 0x00]);

        Assert.Contains("after the last declared part", ex.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset 38", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedExtensions_ThrowsWithCborInnerException()
    {
        var ex = Reject([.. Fixed(0x81), 0xa1, 0x61]);

        Assert.IsType<CborFormatException>(ex.InnerException);
    }

    [Fact]
    public void Parse_ExtensionsWithoutEdFlag_Throws()
    {
        var ex = Reject([.. Fixed(0x01), 0xa0]);

        Assert.Contains("neither AT nor ED is set", ex.Message, StringComparison.Ordinal);
    }
}
