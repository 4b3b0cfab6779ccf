using System.Formats.Asn1;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

/// <summary>
/// Writes an Android KeyDescription (Android Keystore attestation schema, version 300) for tests, with AsnWriter,
/// independently of the parser under test.
/// </summary>
internal sealed record KeyDescriptionBuilder
{
    public byte[] Challenge { get; init; } = new byte[32];

    public AuthorizationListSpec Software { get; init; } = new();

    public AuthorizationListSpec Tee { get; init; } = new() { Purposes = [2], Origin = 0 };

    public byte[] Encode()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(300);
            writer.WriteEnumeratedValue(SecurityLevel.TrustedEnvironment);
            writer.WriteInteger(300);
            writer.WriteEnumeratedValue(SecurityLevel.TrustedEnvironment);
            writer.WriteOctetString(Challenge);
            writer.WriteOctetString([]);
            Software.Write(writer);
            Tee.Write(writer);
        }

        return writer.Encode();
    }

    private enum SecurityLevel
    {
        Software = 0,
        TrustedEnvironment = 1,
    }
}

/// <summary>An AuthorizationList: tags written in ascending order, as DER requires for the SEQUENCE's fields.</summary>
internal sealed record AuthorizationListSpec
{
    public int[]? Purposes { get; init; }

    public bool AllApplications { get; init; }

    public int? Origin { get; init; }

    public void Write(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            if (Purposes is not null)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                using (writer.PushSetOf())
                {
                    foreach (var purpose in Purposes)
                    {
                        writer.WriteInteger(purpose);
                    }
                }
            }

            // algorithm [2] EXPLICIT INTEGER: EC (3). Present on real devices; the parser must skip it.
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)))
            {
                writer.WriteInteger(3);
            }

            if (AllApplications)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 600, isConstructed: true)))
                {
                    writer.WriteNull();
                }
            }

            if (Origin is { } origin)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 702, isConstructed: true)))
                {
                    writer.WriteInteger(origin);
                }
            }
        }
    }
}
