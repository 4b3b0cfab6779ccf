using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>The certificate checks the attestation formats share (WebAuthn §8.2.1, §8.3.1, §8.6).</summary>
internal static class AttestationCertificates
{
    /// <summary>id-fido-gen-ce-aaguid: the authenticator model an attestation certificate was issued for.</summary>
    public const string AaguidExtensionOid = "1.3.6.1.4.1.45724.1.1.4";

    /// <summary>tcg-kp-AIKCertificate: the extended key usage every TPM attestation identity key certificate carries.</summary>
    public const string TcgKpAikCertificate = "2.23.133.8.3";

    /// <summary>tcg-at-tpmManufacturer, tcg-at-tpmModel and tcg-at-tpmVersion (TCG EK Credential Profile §3.2.9).</summary>
    public const string TpmManufacturerOid = "2.23.133.2.1";

    /// <inheritdoc cref="TpmManufacturerOid"/>
    public const string TpmModelOid = "2.23.133.2.2";

    /// <inheritdoc cref="TpmManufacturerOid"/>
    public const string TpmVersionOid = "2.23.133.2.3";

    private const string BasicConstraintsOid = "2.5.29.19";
    private const string ExtendedKeyUsageOid = "2.5.29.37";
    private const string SubjectAltNameOid = "2.5.29.17";
    private const string CountryOid = "2.5.4.6";
    private const string OrganizationOid = "2.5.4.10";
    private const string OrganizationalUnitOid = "2.5.4.11";
    private const string CommonNameOid = "2.5.4.3";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    // DER of the OID 1.2.840.10045.3.1.7 (secp256r1), the EC parameters of a P-256 SubjectPublicKeyInfo.
    private static ReadOnlySpan<byte> P256Parameters => [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];

    /// <summary>Loads one DER certificate; malformed DER throws <see cref="AttestationFormatException"/>.</summary>
    public static X509Certificate2 Load(ReadOnlySpan<byte> der)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException ex)
        {
            throw new AttestationFormatException("An attestation certificate is not a valid DER X.509 certificate.", ex);
        }
    }

    /// <summary>
    /// WebAuthn §8.2.1: version 3; subject with C (two-letter country code), O, OU "Authenticator Attestation" and CN,
    /// each once; basic constraints, when present, with CA false.
    /// </summary>
    public static bool MeetsPackedRequirements(X509Certificate2 certificate)
    {
        if (certificate.Version != 3 || IsCertificateAuthority(certificate))
        {
            return false;
        }

        var subject = ReadName(certificate.SubjectName.RawData);
        return Single(subject, CountryOid) is { Length: 2 } country && country.All(char.IsAsciiLetter)
            && Single(subject, OrganizationOid) is { Length: > 0 }
            && Single(subject, OrganizationalUnitOid) == "Authenticator Attestation"
            && Single(subject, CommonNameOid) is { Length: > 0 };
    }

    /// <summary>
    /// WebAuthn §8.3.1: version 3; empty subject; a subject alternative name with the TPM manufacturer, model and
    /// version; extended key usage tcg-kp-AIKCertificate; basic constraints, when present, with CA false.
    /// </summary>
    /// <remarks>
    /// The manufacturer value is not compared with the TCG vendor ID registry, and the subject alternative name's
    /// criticality is not checked: both are the certificate issuer's duty and do not affect what the key proves.
    /// </remarks>
    public static bool MeetsTpmAikRequirements(X509Certificate2 certificate)
    {
        if (certificate.Version != 3 || IsCertificateAuthority(certificate))
        {
            return false;
        }

        var subject = certificate.SubjectName.RawData;
        if (subject is not [0x30, 0x00])
        {
            return false;
        }

        if (certificate.Extensions[ExtendedKeyUsageOid] is not { } ekuExtension)
        {
            return false;
        }

        var eku = ekuExtension as X509EnhancedKeyUsageExtension ?? new X509EnhancedKeyUsageExtension(ekuExtension, ekuExtension.Critical);
        if (!eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == TcgKpAikCertificate))
        {
            return false;
        }

        if (certificate.Extensions[SubjectAltNameOid] is not { } san)
        {
            return false;
        }

        var attributes = ReadDirectoryNames(san.RawData);
        return attributes.Any(a => a.Oid == TpmManufacturerOid)
            && attributes.Any(a => a.Oid == TpmModelOid)
            && attributes.Any(a => a.Oid == TpmVersionOid);
    }

    /// <summary><see langword="true"/> when the certificate has basic constraints with CA true.</summary>
    public static bool IsCertificateAuthority(X509Certificate2 certificate)
    {
        if (certificate.Extensions[BasicConstraintsOid] is not { } extension)
        {
            return false;
        }

        var constraints = extension as X509BasicConstraintsExtension ?? new X509BasicConstraintsExtension(extension, extension.Critical);
        return constraints.CertificateAuthority;
    }

    /// <summary>
    /// WebAuthn §8.2.1 / §8.3: when the certificate carries the AAGUID extension, it must be non-critical, hold a
    /// 16-byte OCTET STRING, and equal the authenticator data's AAGUID. <see langword="true"/> when absent.
    /// </summary>
    public static bool AaguidExtensionMatches(X509Certificate2 certificate, ReadOnlySpan<byte> aaguid)
    {
        if (certificate.Extensions[AaguidExtensionOid] is not { } extension)
        {
            return true;
        }

        if (extension.Critical)
        {
            return false;
        }

        try
        {
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
            var value = reader.ReadOctetString();
            reader.ThrowIfNotEmpty();
            return value.Length == 16 && value.AsSpan().SequenceEqual(aaguid);
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary><see langword="true"/> when the certificate's key is an EC key on P-256 (WebAuthn §8.6 step 2).</summary>
    public static bool HasP256Key(X509Certificate2 certificate) =>
        certificate.PublicKey.Oid.Value == EcPublicKeyOid
        && certificate.PublicKey.EncodedParameters?.RawData is { } parameters && parameters.AsSpan().SequenceEqual(P256Parameters);

    /// <summary>The certificate's subject and issuer are the same name (a root, or a self-signed leaf).</summary>
    public static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    /// <summary>Reads a DER Name (RDNSequence) into its attribute type/value pairs, multi-valued RDNs included.</summary>
    internal static List<(string Oid, string Value)> ReadName(ReadOnlyMemory<byte> name)
    {
        try
        {
            var reader = new AsnReader(name, AsnEncodingRules.DER);
            var result = new List<(string, string)>();
            ReadRdnSequence(reader.ReadSequence(), result);
            reader.ThrowIfNotEmpty();
            return result;
        }
        catch (AsnContentException ex)
        {
            throw new AttestationFormatException("An attestation certificate name is not valid DER.", ex);
        }
    }

    /// <summary>Reads the attributes of every directoryName in a SubjectAltName extension value.</summary>
    internal static List<(string Oid, string Value)> ReadDirectoryNames(ReadOnlyMemory<byte> subjectAltName)
    {
        var directoryName = new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true);
        try
        {
            var reader = new AsnReader(subjectAltName, AsnEncodingRules.DER);
            var generalNames = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var result = new List<(string, string)>();
            while (generalNames.HasData)
            {
                if (generalNames.PeekTag().HasSameClassAndValue(directoryName))
                {
                    // directoryName [4] Name: explicit, because Name is a CHOICE.
                    var explicitTag = generalNames.ReadSequence(directoryName);
                    ReadRdnSequence(explicitTag.ReadSequence(), result);
                    explicitTag.ThrowIfNotEmpty();
                }
                else
                {
                    generalNames.ReadEncodedValue();
                }
            }

            return result;
        }
        catch (AsnContentException ex)
        {
            throw new AttestationFormatException("An attestation certificate's subject alternative name is not valid DER.", ex);
        }
    }

    private static void ReadRdnSequence(AsnReader rdnSequence, List<(string, string)> result)
    {
        while (rdnSequence.HasData)
        {
            var rdn = rdnSequence.ReadSetOf();
            while (rdn.HasData)
            {
                var attribute = rdn.ReadSequence();
                var oid = attribute.ReadObjectIdentifier();
                var tag = attribute.PeekTag();
                var value = tag.TagClass == TagClass.Universal && IsCharacterString((UniversalTagNumber)tag.TagValue)
                    ? attribute.ReadCharacterString((UniversalTagNumber)tag.TagValue)
                    : ReadOpaque(attribute);
                attribute.ThrowIfNotEmpty();
                result.Add((oid, value));
            }
        }
    }

    private static string ReadOpaque(AsnReader reader)
    {
        reader.ReadEncodedValue();
        return "";
    }

    private static bool IsCharacterString(UniversalTagNumber tag) => tag is UniversalTagNumber.UTF8String
        or UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String or UniversalTagNumber.BMPString
        or UniversalTagNumber.UniversalString or UniversalTagNumber.VisibleString
        or UniversalTagNumber.NumericString;

    private static string? Single(List<(string Oid, string Value)> attributes, string oid)
    {
        string? found = null;
        foreach (var (type, value) in attributes)
        {
            if (type == oid)
            {
                if (found is not null)
                {
                    return null;
                }

                found = value;
            }
        }

        return found;
    }
}
