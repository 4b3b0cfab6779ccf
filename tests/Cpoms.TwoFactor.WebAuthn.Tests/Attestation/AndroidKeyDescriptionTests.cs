using System.Formats.Asn1;

using Cpoms.TwoFactor.WebAuthn.Attestation;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

public sealed class AndroidKeyDescriptionTests
{
    [Fact]
    public void Parse_ReadsChallenge()
    {
        byte[] challenge = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 3))];

        var description = AndroidKeyDescription.Parse(new KeyDescriptionBuilder { Challenge = challenge }.Encode());

        Assert.Equal(challenge, description.AttestationChallenge);
    }

    [Fact]
    public void Parse_ReadsPurposesAndOrigin()
    {
        var encoded = new KeyDescriptionBuilder { Tee = new() { Purposes = [2, 3], Origin = 0 } }.Encode();

        var tee = AndroidKeyDescription.Parse(encoded).TeeEnforced;

        Assert.Equal([2, 3], tee.Purposes.Select(p => (int)p));
        Assert.Equal([0], tee.Origins.Select(o => (int)o));
        Assert.False(tee.AllApplications);
    }

    [Fact]
    public void Parse_DetectsAllApplicationsInSoftwareList()
    {
        var encoded = new KeyDescriptionBuilder { Software = new() { AllApplications = true } }.Encode();

        var description = AndroidKeyDescription.Parse(encoded);

        Assert.True(description.SoftwareEnforced.AllApplications);
        Assert.False(description.TeeEnforced.AllApplications);
    }

    [Fact]
    public void Parse_ReadsEmptyLists()
    {
        var encoded = new KeyDescriptionBuilder { Tee = new() }.Encode();

        var description = AndroidKeyDescription.Parse(encoded);

        Assert.Empty(description.TeeEnforced.Purposes);
        Assert.Empty(description.TeeEnforced.Origins);
    }

    [Fact]
    public void Parse_RejectsTrailingBytes()
    {
        byte[] encoded = [.. new KeyDescriptionBuilder().Encode(), 0x05, 0x00];

        Assert.Throws<AttestationFormatException>(() => AndroidKeyDescription.Parse(encoded));
    }

    [Fact]
    public void Parse_RejectsMissingAuthorizationLists()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(3);
            writer.WriteEnumeratedValue(SecurityLevel.TrustedEnvironment);
            writer.WriteInteger(4);
            writer.WriteEnumeratedValue(SecurityLevel.TrustedEnvironment);
            writer.WriteOctetString(new byte[32]);
            writer.WriteOctetString([]);
        }

        Assert.Throws<AttestationFormatException>(() => AndroidKeyDescription.Parse(writer.Encode()));
    }

    [Fact]
    public void Parse_RejectsUniversalTagInsideAuthorizationList()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(3);
            writer.WriteEnumeratedValue(SecurityLevel.TrustedEnvironment);
            writer.WriteInteger(4);
            writer.WriteEnumeratedValue(SecurityLevel.TrustedEnvironment);
            writer.WriteOctetString(new byte[32]);
            writer.WriteOctetString([]);
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
            }

            using (writer.PushSequence())
            {
            }
        }

        Assert.Throws<AttestationFormatException>(() => AndroidKeyDescription.Parse(writer.Encode()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AuthorizationListsAcceptable_AcceptsTeeEnforcedGeneratedSigningKey(bool requireHardware)
    {
        var description = AndroidKeyDescription.Parse(new KeyDescriptionBuilder().Encode());

        Assert.True(description.AuthorizationListsAcceptable(requireHardware));
    }

    [Fact]
    public void AuthorizationListsAcceptable_AcceptsSoftwareEnforcedUnderUnion()
    {
        var encoded = new KeyDescriptionBuilder { Software = new() { Purposes = [2], Origin = 0 }, Tee = new() }.Encode();

        Assert.True(AndroidKeyDescription.Parse(encoded).AuthorizationListsAcceptable(requireHardwareEnforced: false));
    }

    [Fact]
    public void AuthorizationListsAcceptable_RejectsSoftwareEnforcedWhenHardwareRequired()
    {
        var encoded = new KeyDescriptionBuilder { Software = new() { Purposes = [2], Origin = 0 }, Tee = new() }.Encode();

        Assert.False(AndroidKeyDescription.Parse(encoded).AuthorizationListsAcceptable(requireHardwareEnforced: true));
    }

    [Fact]
    public void AuthorizationListsAcceptable_RejectsEmptyLists()
    {
        var encoded = new KeyDescriptionBuilder { Tee = new() }.Encode();

        Assert.False(AndroidKeyDescription.Parse(encoded).AuthorizationListsAcceptable(requireHardwareEnforced: false));
    }

    [Fact]
    public void AuthorizationListsAcceptable_RejectsImportedKey()
    {
        // KM_ORIGIN_IMPORTED = 2.
        var encoded = new KeyDescriptionBuilder { Tee = new() { Purposes = [2], Origin = 2 } }.Encode();

        Assert.False(AndroidKeyDescription.Parse(encoded).AuthorizationListsAcceptable(requireHardwareEnforced: false));
    }

    [Fact]
    public void AuthorizationListsAcceptable_RejectsConflictingOrigins()
    {
        var encoded = new KeyDescriptionBuilder { Software = new() { Origin = 2 }, Tee = new() { Purposes = [2], Origin = 0 } }.Encode();

        Assert.False(AndroidKeyDescription.Parse(encoded).AuthorizationListsAcceptable(requireHardwareEnforced: false));
    }

    [Fact]
    public void AuthorizationListsAcceptable_RejectsKeyWithoutSignPurpose()
    {
        // KM_PURPOSE_ENCRYPT = 0, KM_PURPOSE_DECRYPT = 1.
        var encoded = new KeyDescriptionBuilder { Tee = new() { Purposes = [0, 1], Origin = 0 } }.Encode();

        Assert.False(AndroidKeyDescription.Parse(encoded).AuthorizationListsAcceptable(requireHardwareEnforced: false));
    }

    [Fact]
    public void AuthorizationListsAcceptable_RejectsAllApplications()
    {
        var encoded = new KeyDescriptionBuilder { Software = new() { AllApplications = true } }.Encode();

        Assert.False(AndroidKeyDescription.Parse(encoded).AuthorizationListsAcceptable(requireHardwareEnforced: false));
    }

    private enum SecurityLevel
    {
        TrustedEnvironment = 1,
    }
}
