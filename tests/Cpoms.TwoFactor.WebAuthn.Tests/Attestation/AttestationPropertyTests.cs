using Cpoms.TwoFactor.Testing;
using Cpoms.TwoFactor.WebAuthn.Attestation;
using Cpoms.TwoFactor.WebAuthn.Cbor;
using Cpoms.TwoFactor.WebAuthn.Cose;
using Cpoms.TwoFactor.WebAuthn.Tests.Cbor;
using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

/// <summary>
/// FsCheck properties: hostile attestation input only ever yields <see cref="AttestationFormatException"/> inside the
/// parsers and a failed result at the verifier's boundary; a changed signed byte never verifies.
/// </summary>
public sealed class AttestationPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    private static readonly RegistrationVector[] CertificateVectors =
        [.. VectorFiles.RegistrationNames().Select(RegistrationVector.Load).Where(v => v.AttestationValid && v.Format != "none")];

    [Fact]
    public void ParsePublicArea_RandomBytes_ThrowsOnlyFormatException()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => ParsesOrRejects(() => TpmPublicArea.Parse(bytes)));

        Check.One(Runs, property);
    }

    [Fact]
    public void ParseCertInfo_RandomBytes_ThrowsOnlyFormatException()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => ParsesOrRejects(() => TpmAttestation.Parse(bytes)));

        Check.One(Runs, property);
    }

    [Fact]
    public void ParseKeyDescription_MutatedEncoding_ThrowsOnlyFormatException()
    {
        var valid = new KeyDescriptionBuilder().Encode();
        var property = Prop.ForAll(Mutations(valid).ToArbitrary(), bytes => ParsesOrRejects(() => AndroidKeyDescription.Parse(bytes)));

        Check.One(Runs, property);
    }

    [Fact]
    public void ParseSafetyNetJws_RandomBytes_ThrowsOnlyFormatException()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => ParsesOrRejects(() => SafetyNetJws.Parse(bytes)));

        Check.One(Runs, property);
    }

    [Fact]
    public void Verify_VectorWithOneByteStringMutated_NeverThrows()
    {
        var cases =
            from index in Gen.Choose(0, CertificateVectors.Length - 1)
            from member in Gen.Choose(0, 15)
            from position in Gen.Choose(0, int.MaxValue - 1)
            from bit in Gen.Choose(0, 7)
            select (Vector: CertificateVectors[index], Member: member, Position: position, Bit: bit);

        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var statement = MutateByteString(c.Vector.Statement, c.Member, c.Position, c.Bit);
            _ = VerifyVector(c.Vector, statement);
            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Verify_VectorWithSignatureBitFlipped_Fails()
    {
        var signed = CertificateVectors.Where(v => v.Statement.TryGetValue("sig", out _)).ToArray();
        var cases =
            from index in Gen.Choose(0, signed.Length - 1)
            from position in Gen.Choose(0, int.MaxValue - 1)
            from bit in Gen.Choose(0, 7)
            select (Vector: signed[index], Position: position, Bit: bit);

        var property = Prop.ForAll(cases.ToArbitrary(), c =>
            !VerifyVector(c.Vector, MutateMember(c.Vector.Statement, "sig", c.Position, c.Bit)).Succeeded);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Fact]
    public void Verify_TpmVectorWithCertInfoBitFlipped_Fails()
    {
        var tpm = CertificateVectors.Where(v => v.Format == "tpm").ToArray();
        var cases =
            from index in Gen.Choose(0, tpm.Length - 1)
            from position in Gen.Choose(0, int.MaxValue - 1)
            from bit in Gen.Choose(0, 7)
            select (Vector: tpm[index], Position: position, Bit: bit);

        var property = Prop.ForAll(cases.ToArbitrary(), c =>
            !VerifyVector(c.Vector, MutateMember(c.Vector.Statement, "certInfo", c.Position, c.Bit)).Succeeded);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    private static Gen<byte[]> Mutations(byte[] valid) =>
        from kind in Gen.Choose(0, 2)
        from position in Gen.Choose(0, valid.Length - 1)
        from bit in Gen.Choose(0, 7)
        from value in Gen.Choose(0, 255)
        select kind switch
        {
            0 => Flip(valid, position, bit),
            1 => valid[..position],
            _ => [.. valid[..position], (byte)value, .. valid[position..]],
        };

    private static byte[] Flip(byte[] bytes, int position, int bit)
    {
        var copy = (byte[])bytes.Clone();
        copy[position % copy.Length] ^= (byte)(1 << bit);
        return copy;
    }

    private static bool ParsesOrRejects(Action parse)
    {
        try
        {
            parse();
            return true;
        }
        catch (AttestationFormatException)
        {
            return true;
        }
    }

    private static Core.Results.TwoFactorResult<AttestationVerificationResult> VerifyVector(RegistrationVector vector, CborMap statement)
    {
        var authenticatorData = AuthenticatorData.Parse(vector.AuthData);
        using var key = CoseKey.Decode(authenticatorData.AttestedCredentialData!.CredentialPublicKey);
        var options = new AttestationTrustOptions { SafetyNetRequireCtsProfileMatch = vector.SafetyNetRequireCtsProfileMatch };
        var verifier = new AttestationVerifier(options, new ManualTimeProvider(vector.VerificationTime ?? SyntheticRegistration.Now));
        return verifier.Verify(vector.Format, statement, authenticatorData, vector.ClientDataHash, key, vector.VerificationTime);
    }

    private static CborMap MutateMember(CborMap statement, string member, int position, int bit) =>
        Rebuild(statement, (key, value) => key == member && value is CborByteString bytes
            ? new CborNode.Bytes(Flip(bytes.Value.ToArray(), position, bit))
            : null);

    /// <summary>Flips one bit in the <paramref name="member"/>-th byte string of the statement (x5c entries included).</summary>
    private static CborMap MutateByteString(CborMap statement, int member, int position, int bit)
    {
        var counter = 0;
        return Rebuild(statement, (_, value) => value switch
        {
            CborByteString bytes => counter++ == member && bytes.Value.Length > 0 ? new CborNode.Bytes(Flip(bytes.Value.ToArray(), position, bit)) : null,
            CborArray array => new CborNode.Array([.. array.Items.Select(item => item is CborByteString b && counter++ == member && b.Value.Length > 0
                ? new CborNode.Bytes(Flip(b.Value.ToArray(), position, bit))
                : ToNode(item))]),
            _ => null,
        });
    }

    private static CborMap Rebuild(CborMap statement, Func<string, CborValue, CborNode?> replace) =>
        (CborMap)CborDecoder.Decode(TestCborEncoder.Encode(new CborNode.Map([.. statement.Entries.Select(e =>
            (ToNode(e.Key), replace(((CborTextString)e.Key).Value, e.Value) ?? ToNode(e.Value)))])));

    private static CborNode ToNode(CborValue value) => value switch
    {
        CborInteger i => new CborNode.Int(i.Value),
        CborByteString b => new CborNode.Bytes(b.Value.ToArray()),
        CborTextString t => new CborNode.Text(t.Value),
        CborArray a => new CborNode.Array([.. a.Items.Select(ToNode)]),
        CborMap m => new CborNode.Map([.. m.Entries.Select(e => (ToNode(e.Key), ToNode(e.Value)))]),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };
}
