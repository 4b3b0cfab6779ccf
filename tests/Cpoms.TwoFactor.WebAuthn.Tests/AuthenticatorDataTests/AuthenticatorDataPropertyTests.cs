using Cpoms.TwoFactor.WebAuthn.Cbor;
using Cpoms.TwoFactor.WebAuthn.Tests.Cbor;
using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.WebAuthn.Tests.AuthenticatorDataTests;

/// <summary>FsCheck: mutated real authenticator data only ever yields <see cref="AuthenticatorDataFormatException"/>.</summary>
public sealed class AuthenticatorDataPropertyTests
{
    private static readonly byte[][] Samples = [.. CborTestVectors.Names("reg-")
        .Select(n => ((CborByteString)((CborMap)CborDecoder.Decode(CborTestVectors.AttestationObject(n)))["authData"]!).Value.ToArray())];

    [Fact]
    public void Parse_MutatedVectorAuthenticatorData_ThrowsOnlyAuthenticatorDataFormatException()
    {
        var mutations =
            from index in Gen.Choose(0, Samples.Length - 1)
            from kind in Gen.Choose(0, 2)
            from position in Gen.Choose(0, int.MaxValue - 1)
            from value in Gen.Choose(0, 255)
            select Mutate(Samples[index], kind, position, (byte)value);

        var property = Prop.ForAll(mutations.ToArbitrary(), bytes =>
        {
            try
            {
                AuthenticatorData.Parse(bytes);
            }
            catch (AuthenticatorDataFormatException)
            {
            }

            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }

    private static byte[] Mutate(byte[] source, int kind, int position, byte value)
    {
        var bytes = source.ToList();
        switch (kind)
        {
            case 0:
                bytes[position % bytes.Count] ^= (byte)(1 << (value % 8));
                break;
            case 1:
                bytes.RemoveRange(position % bytes.Count, bytes.Count - (position % bytes.Count));
                break;
            default:
                bytes.Insert(position % (bytes.Count + 1), value);
                break;
        }

        return [.. bytes];
    }
}
