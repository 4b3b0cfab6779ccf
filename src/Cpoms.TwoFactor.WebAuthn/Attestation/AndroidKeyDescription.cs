using System.Formats.Asn1;
using System.Numerics;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>
/// The Android key attestation extension (OID 1.3.6.1.4.1.11129.2.1.17, the KeyDescription of the Android Keystore
/// attestation schema) reduced to what WebAuthn §8.4 checks. Malformed DER throws
/// <see cref="AttestationFormatException"/>.
/// </summary>
/// <remarks>
/// <code>
/// KeyDescription ::= SEQUENCE {
///   attestationVersion INTEGER, attestationSecurityLevel ENUMERATED, keymasterVersion INTEGER,
///   keymasterSecurityLevel ENUMERATED, attestationChallenge OCTET STRING, uniqueId OCTET STRING,
///   softwareEnforced AuthorizationList, teeEnforced AuthorizationList, ... }
/// AuthorizationList ::= SEQUENCE { purpose [1] EXPLICIT SET OF INTEGER OPTIONAL, ...,
///   allApplications [600] EXPLICIT NULL OPTIONAL, ..., origin [702] EXPLICIT INTEGER OPTIONAL, ... }
/// </code>
/// Fields after teeEnforced (later schema versions) and authorization-list tags other than these three are skipped.
/// </remarks>
internal sealed class AndroidKeyDescription
{
    /// <summary>The key description extension's OID.</summary>
    public const string Oid = "1.3.6.1.4.1.11129.2.1.17";

    /// <summary>KM_ORIGIN_GENERATED: the key was generated inside Keystore.</summary>
    public const int OriginGenerated = 0;

    /// <summary>KM_PURPOSE_SIGN: the key may be used to sign.</summary>
    public const int PurposeSign = 2;

    private const int PurposeTag = 1;
    private const int AllApplicationsTag = 600;
    private const int OriginTag = 702;

    private AndroidKeyDescription(byte[] attestationChallenge, AuthorizationList softwareEnforced, AuthorizationList teeEnforced)
    {
        AttestationChallenge = attestationChallenge;
        SoftwareEnforced = softwareEnforced;
        TeeEnforced = teeEnforced;
    }

    public byte[] AttestationChallenge { get; }

    public AuthorizationList SoftwareEnforced { get; }

    public AuthorizationList TeeEnforced { get; }

    /// <summary>
    /// WebAuthn §8.4 step 5: allApplications is absent from both lists (the key is scoped to the RP ID); and, in teeEnforced alone
    /// (<paramref name="requireHardwareEnforced"/>) or in teeEnforced ∪ softwareEnforced, origin is KM_ORIGIN_GENERATED
    /// and purpose holds KM_PURPOSE_SIGN. Origin must be present in the lists considered, and every origin present
    /// there must be KM_ORIGIN_GENERATED.
    /// </summary>
    public bool AuthorizationListsAcceptable(bool requireHardwareEnforced)
    {
        if (SoftwareEnforced.AllApplications || TeeEnforced.AllApplications)
        {
            return false;
        }

        AuthorizationList[] lists = requireHardwareEnforced
            ? [TeeEnforced]
            : [TeeEnforced, SoftwareEnforced];
        var origins = lists.SelectMany(list => list.Origins).ToList();
        return origins.Count > 0
            && origins.All(origin => origin == OriginGenerated)
            && lists.Any(list => list.Purposes.Contains(PurposeSign));
    }

    public static AndroidKeyDescription Parse(ReadOnlyMemory<byte> extensionValue)
    {
        try
        {
            var outer = new AsnReader(extensionValue, AsnEncodingRules.DER);
            var sequence = outer.ReadSequence();
            outer.ThrowIfNotEmpty();

            sequence.ReadInteger(); // attestationVersion
            sequence.ReadEnumeratedBytes(); // attestationSecurityLevel
            sequence.ReadInteger(); // keymasterVersion / keyMintVersion
            sequence.ReadEnumeratedBytes(); // keymasterSecurityLevel
            var challenge = sequence.ReadOctetString();
            sequence.ReadOctetString(); // uniqueId
            var software = ReadAuthorizationList(sequence.ReadSequence());
            var tee = ReadAuthorizationList(sequence.ReadSequence());
            return new AndroidKeyDescription(challenge, software, tee);
        }
        catch (AsnContentException ex)
        {
            throw new AttestationFormatException("The Android key description is not valid DER.", ex);
        }
    }

    private static AuthorizationList ReadAuthorizationList(AsnReader list)
    {
        var purposes = new List<BigInteger>();
        var origins = new List<BigInteger>();
        var allApplications = false;
        while (list.HasData)
        {
            var tag = list.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific || !tag.IsConstructed)
            {
                throw new AttestationFormatException("An Android authorization list entry is not an explicitly tagged field.");
            }

            switch (tag.TagValue)
            {
                case PurposeTag:
                {
                    var explicitTag = list.ReadSequence(tag);
                    var set = explicitTag.ReadSetOf();
                    explicitTag.ThrowIfNotEmpty();
                    while (set.HasData)
                    {
                        purposes.Add(set.ReadInteger());
                    }

                    break;
                }

                case OriginTag:
                {
                    var explicitTag = list.ReadSequence(tag);
                    origins.Add(explicitTag.ReadInteger());
                    explicitTag.ThrowIfNotEmpty();
                    break;
                }

                case AllApplicationsTag:
                    allApplications = true;
                    list.ReadEncodedValue();
                    break;

                default:
                    list.ReadEncodedValue();
                    break;
            }
        }

        return new AuthorizationList(purposes, origins, allApplications);
    }

    /// <summary>The three AuthorizationList fields WebAuthn §8.4 checks.</summary>
    /// <param name="Purposes">Every value of <c>purpose</c> (empty when absent).</param>
    /// <param name="Origins">The <c>origin</c> value, when present (a second occurrence is kept too).</param>
    /// <param name="AllApplications"><see langword="true"/> when <c>allApplications</c> is present.</param>
    internal sealed record AuthorizationList(IReadOnlyList<BigInteger> Purposes, IReadOnlyList<BigInteger> Origins, bool AllApplications);
}
