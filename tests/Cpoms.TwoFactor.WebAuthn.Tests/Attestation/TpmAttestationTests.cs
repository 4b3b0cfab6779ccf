using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Cpoms.TwoFactor.WebAuthn.Attestation;
using Cpoms.TwoFactor.WebAuthn.Tests.Cbor;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

public sealed class TpmAttestationTests : IDisposable
{
    private readonly ECDsa _aikKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _aik;

    public TpmAttestationTests()
    {
        _aik = Aik(_aikKey, TestCertificates.TpmSubjectAltName(), TestCertificates.ExtendedKeyUsage("2.23.133.8.3"), TestCertificates.BasicConstraints(false));
    }

    [Fact]
    public void Verify_AcceptsEccKey()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, _aik).Build());

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(AttestationType.AttCA, result.Value.Type);
    }

    [Fact]
    public void Verify_AcceptsRsaKey()
    {
        using var registration = SyntheticRegistration.CreateRsa();

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, _aik).Build());

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public void Verify_AcceptsSha1NameAlgorithm()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, _aik) { NameAlg = TpmBuilder.AlgSha1 }.Build());

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public void Verify_RejectsWrongMagic()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, _aik) { Magic = 0xFF544348 }.Build());

        Assert.Equal("webauthn.attestation_tpm_invalid", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsWrongType()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, _aik) { Type = TpmBuilder.StAttestQuote }.Build());

        Assert.Equal("webauthn.attestation_tpm_invalid", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsExtraDataOfOtherRegistration()
    {
        using var registration = SyntheticRegistration.CreateEc();
        var other = SHA256.HashData(registration.AuthData);

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, _aik) { ExtraData = other }.Build());

        Assert.Equal("webauthn.attestation_tpm_invalid", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsExtraDataHashedWithOtherAlgorithm()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, _aik) { ExtraData = SHA1.HashData(registration.SignedData) }.Build());

        Assert.Equal("webauthn.attestation_tpm_invalid", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsNameOfOtherObject()
    {
        using var registration = SyntheticRegistration.CreateEc();
        byte[] name = [0x00, 0x0B, .. SHA256.HashData("another object"u8)];

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, _aik) { Name = name }.Build());

        Assert.Equal("webauthn.attestation_tpm_invalid", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsPublicAreaOfOtherKey()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = other.ExportParameters(false).Q;

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, _aik) { PubArea = TpmBuilder.EccPublicArea(q.X!, q.Y!) }.Build());

        Assert.Equal("webauthn.attestation_public_key_mismatch", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsPublicAreaOnOtherCurve()
    {
        using var registration = SyntheticRegistration.CreateEc();
        var q = registration.EcKey.ExportParameters(false).Q;

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, _aik) { PubArea = TpmBuilder.EccPublicArea(q.X!, q.Y!, curve: 0x0004) }.Build());

        Assert.Equal("webauthn.attestation_public_key_mismatch", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsWrongVersion()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, _aik) { Version = "1.2" }.Build());

        Assert.Equal("webauthn.attestation_tpm_invalid", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsWrongSignature()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var result = registration.Verify("tpm", new TpmStatement(registration, otherKey, _aik).Build());

        Assert.Equal("webauthn.attestation_invalid_signature", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsAikWithoutAikKeyUsage()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var aik = Aik(_aikKey, TestCertificates.TpmSubjectAltName(), TestCertificates.ExtendedKeyUsage("1.3.6.1.5.5.7.3.2"));

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, aik).Build());

        Assert.Equal("webauthn.attestation_certificate_invalid", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsAikWithoutTpmModel()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var aik = Aik(_aikKey, TestCertificates.TpmSubjectAltName(model: false), TestCertificates.ExtendedKeyUsage("2.23.133.8.3"));

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, aik).Build());

        Assert.Equal("webauthn.attestation_certificate_invalid", result.Error?.Code);
    }

    [Fact]
    public void Verify_RejectsAikAaguidMismatch()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var aik = Aik(_aikKey, TestCertificates.TpmSubjectAltName(), TestCertificates.ExtendedKeyUsage("2.23.133.8.3"), TestCertificates.AaguidExtension(new byte[16]));

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, aik).Build());

        Assert.Equal("webauthn.attestation_aaguid_mismatch", result.Error?.Code);
    }

    [Fact]
    public void Verify_AcceptsAikWithMatchingAaguid()
    {
        using var registration = SyntheticRegistration.CreateEc();
        using var aik = Aik(_aikKey, TestCertificates.TpmSubjectAltName(), TestCertificates.ExtendedKeyUsage("2.23.133.8.3"), TestCertificates.AaguidExtension(registration.Aaguid));

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, aik).Build());

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public void Verify_RejectsTrailingBytesInCertInfo()
    {
        using var registration = SyntheticRegistration.CreateEc();

        var result = registration.Verify("tpm", new TpmStatement(registration, _aikKey, _aik) { CertInfoSuffix = [0x00] }.Build());

        Assert.Equal("webauthn.attestation_malformed", result.Error?.Code);
    }

    public void Dispose()
    {
        _aik.Dispose();
        _aikKey.Dispose();
    }

    private static X509Certificate2 Aik(ECDsa key, params X509Extension[] extensions) =>
        TestCertificates.CreateLeaf(key, null, "", extensions);

    /// <summary>A TPM statement (WebAuthn §8.3) whose parts a test can replace one at a time.</summary>
    private sealed class TpmStatement(SyntheticRegistration registration, ECDsa aikKey, X509Certificate2 aik)
    {
        public string Version { get; init; } = "2.0";

        public ushort NameAlg { get; init; } = TpmBuilder.AlgSha256;

        public byte[]? PubArea { get; init; }

        public uint Magic { get; init; } = TpmBuilder.GeneratedValue;

        public ushort Type { get; init; } = TpmBuilder.StAttestCertify;

        public byte[]? ExtraData { get; init; }

        public byte[]? Name { get; init; }

        public byte[] CertInfoSuffix { get; init; } = [];

        public CborNode Build()
        {
            var pubArea = PubArea ?? DefaultPubArea();

            // TPM 2.0 Part 1 §16: Name = nameAlg || H_nameAlg(pubArea).
            var nameHash = NameAlg == TpmBuilder.AlgSha1 ? SHA1.HashData(pubArea) : SHA256.HashData(pubArea);
            byte[] name = Name ?? [(byte)(NameAlg >> 8), (byte)NameAlg, .. nameHash];
            byte[] certInfo = [.. TpmBuilder.CertInfo(ExtraData ?? SHA256.HashData(registration.SignedData), name, Magic, Type), .. CertInfoSuffix];
            var sig = aikKey.SignData(certInfo, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            return Stmt.Map(
                ("ver", Stmt.Text(Version)),
                ("alg", Stmt.Int(-7)),
                ("x5c", Stmt.X5c(aik.RawData)),
                ("sig", Stmt.Bytes(sig)),
                ("certInfo", Stmt.Bytes(certInfo)),
                ("pubArea", Stmt.Bytes(pubArea)));
        }

        private byte[] DefaultPubArea()
        {
            if (registration.Key is RSA rsa)
            {
                return TpmBuilder.RsaPublicArea(rsa.ExportParameters(false).Modulus!, nameAlg: NameAlg);
            }

            var q = registration.EcKey.ExportParameters(false).Q;
            return TpmBuilder.EccPublicArea(q.X!, q.Y!, nameAlg: NameAlg);
        }
    }
}
