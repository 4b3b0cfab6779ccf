using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

/// <summary>Issues certificates for tests with <see cref="CertificateRequest"/>; every key is ECDSA unless stated.</summary>
internal static class TestCertificates
{
    public const string PackedSubject = "CN=Test Authenticator, OU=Authenticator Attestation, O=Cpoms Test, C=GB";

    public static readonly DateTimeOffset NotBefore = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset NotAfter = new(2035, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A self-signed root CA (with its private key).</summary>
    public static X509Certificate2 CreateRoot(string subject = "CN=Cpoms Test Attestation Root, O=Cpoms Test, C=GB", ECDsa? key = null)
    {
        key ??= ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(NotBefore, NotAfter);
    }

    /// <summary>An intermediate CA signed by <paramref name="issuer"/> (with its private key).</summary>
    public static X509Certificate2 CreateIntermediate(X509Certificate2 issuer, string subject = "CN=Cpoms Test Attestation CA, O=Cpoms Test, C=GB")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var certificate = request.Create(issuer, NotBefore, NotAfter, Serial());
        return certificate.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// A leaf for <paramref name="key"/>: signed by <paramref name="issuer"/>, or self-signed when it is null.
    /// <paramref name="extensions"/> are added as given (no basic constraints unless listed).
    /// </summary>
    public static X509Certificate2 CreateLeaf(
        AsymmetricAlgorithm key,
        X509Certificate2? issuer,
        string subject = PackedSubject,
        IEnumerable<X509Extension>? extensions = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null)
    {
        var request = key switch
        {
            ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("Unsupported key.", nameof(key)),
        };
        foreach (var extension in extensions ?? [])
        {
            request.CertificateExtensions.Add(extension);
        }

        var from = notBefore ?? NotBefore;
        var to = notAfter ?? NotAfter;
        if (issuer is null)
        {
            return request.CreateSelfSigned(from, to);
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var issuerKey = issuer.GetECDsaPrivateKey() ?? throw new ArgumentException("The issuer needs an ECDSA private key.", nameof(issuer));
        return request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), from, to, Serial());
    }

    /// <summary>Basic constraints with the given CA flag.</summary>
    public static X509Extension BasicConstraints(bool ca) => new X509BasicConstraintsExtension(ca, false, 0, true);

    /// <summary>id-fido-gen-ce-aaguid: OCTET STRING of the 16 AAGUID bytes.</summary>
    public static X509Extension AaguidExtension(byte[] aaguid, bool critical = false)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(aaguid);
        return new X509Extension("1.3.6.1.4.1.45724.1.1.4", writer.Encode(), critical);
    }

    /// <summary>Any extension with raw DER contents.</summary>
    public static X509Extension Raw(string oid, byte[] value, bool critical = false) => new(oid, value, critical);

    /// <summary>
    /// A TPM AIK certificate's subject alternative name: a directoryName with TPM manufacturer, model and version
    /// (TCG EK Credential Profile §3.2.9), each attribute included only when its flag is set.
    /// </summary>
    public static X509Extension TpmSubjectAltName(bool manufacturer = true, bool model = true, bool version = true)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
        using (writer.PushSequence())
        {
            using (writer.PushSetOf())
            {
                if (manufacturer)
                {
                    Attribute(writer, "2.23.133.2.1", "id:FFFFF1D0");
                }

                if (model)
                {
                    Attribute(writer, "2.23.133.2.2", "CpomsTestTPM");
                }

                if (version)
                {
                    Attribute(writer, "2.23.133.2.3", "id:00020000");
                }
            }
        }

        return new X509Extension("2.5.29.17", writer.Encode(), critical: true);
    }

    /// <summary>Extended key usage with <paramref name="oids"/>.</summary>
    public static X509Extension ExtendedKeyUsage(params string[] oids)
    {
        var collection = new OidCollection();
        foreach (var oid in oids)
        {
            collection.Add(new Oid(oid));
        }

        return new X509EnhancedKeyUsageExtension(collection, false);
    }

    private static void Attribute(AsnWriter writer, string oid, string value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);
        }
    }

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }
}
