using Cpoms.TwoFactor.WebAuthn.Cbor;
using Cpoms.TwoFactor.WebAuthn.Cose;
using Cpoms.TwoFactor.WebAuthn.Tests.Cbor;
using FsCheck;
using FsCheck.Fluent;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Cose;

/// <summary>FsCheck: mutated real credential keys are decoded or rejected with a format exception, never anything else.</summary>
public sealed class CoseKeyPropertyTests
{
    private static readonly byte[][] Keys = [.. CborTestVectors.Vectors.Select(v => CoseKeyVectorTests.VectorKey(v.Root))];

    [Fact]
    public void Decode_MutatedVectorKeys_ThrowOnlyFormatExceptions()
    {
        var mutations =
            from index in Gen.Choose(0, Keys.Length - 1)
            from position in Gen.Choose(0, int.MaxValue - 1)
            from bit in Gen.Choose(0, 7)
            select FlipBit(Keys[index], position, bit);

        var property = Prop.ForAll(mutations.ToArbitrary(), bytes =>
        {
            try
            {
                CoseKey.Decode(bytes).Dispose();
            }
            catch (CborFormatException)
            {
            }
            catch (CoseKeyFormatException)
            {
            }

            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void VerifySignature_RandomSignatureBytes_NeverThrows()
    {
        var keys = Keys.Select(k => CoseKey.Decode(k)).ToArray();
        var inputs =
            from index in Gen.Choose(0, keys.Length - 1)
            from signature in ArbMap.Default.GeneratorFor<byte[]>()
            select (index, signature);

        var property = Prop.ForAll(inputs.ToArbitrary(), input => !keys[input.index].VerifySignature("data"u8, input.signature));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    private static byte[] FlipBit(byte[] source, int position, int bit)
    {
        var bytes = source.ToArray();
        bytes[position % bytes.Length] ^= (byte)(1 << bit);
        return bytes;
    }
}
