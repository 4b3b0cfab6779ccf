using Cpoms.TwoFactor.WebAuthn.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using Verifier = Cpoms.TwoFactor.WebAuthn.Cryptography.Ed25519;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ed25519;

/// <summary>
/// Random keys and messages signed by the BigInteger reference (RFC 8032 §5.1.6): the verifier must accept them,
/// and must agree with the reference verifier on every mutation. The reference is slow, so the case counts are
/// kept small; each run draws new cases.
/// </summary>
public sealed class Ed25519PropertyTests
{
    private static readonly Gen<byte> AnyByte = ArbMap.Default.GeneratorFor<byte>();

    private static readonly Gen<byte[]> Seeds = AnyByte.ArrayOf(32);

    private static readonly Gen<byte[]> Messages = Gen.Choose(0, 300).SelectMany(length => AnyByte.ArrayOf(length));

    [Fact]
    public void Verify_AcceptsReferenceSignatures()
    {
        var cases = Seeds.SelectMany(seed => Messages.Select(message => (Seed: seed, Message: message)));

        Prop.ForAll(cases.ToArbitrary(), input =>
        {
            var publicKey = Ed25519Reference.PublicKey(input.Seed);
            var signature = Ed25519Reference.Sign(input.Seed, input.Message);
            return Verifier.Verify(publicKey, input.Message, signature)
                && Ed25519PublicKey.TryImport(publicKey, out var key)
                && key.Verify(input.Message, signature);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    [Fact]
    public void Verify_AgreesWithReferenceOnMutatedInputs()
    {
        // One bit flipped anywhere in public key || signature || message (the message gets at least one byte).
        var cases =
            from seed in Seeds
            from message in Gen.Choose(1, 200).SelectMany(length => AnyByte.ArrayOf(length))
            from bit in Gen.Choose(0, ((32 + 64 + message.Length) * 8) - 1)
            select (Seed: seed, Message: message, Bit: bit);

        Prop.ForAll(cases.ToArbitrary(), input =>
        {
            byte[] all = [.. Ed25519Reference.PublicKey(input.Seed), .. Ed25519Reference.Sign(input.Seed, input.Message), .. input.Message];
            all[input.Bit / 8] ^= (byte)(1 << (input.Bit % 8));
            var publicKey = all[..32];
            var signature = all[32..96];
            var message = all[96..];

            var expected = Ed25519Reference.Verify(publicKey, message, signature);
            return Verifier.Verify(publicKey, message, signature) == expected && !expected;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    [Fact]
    public void Verify_RejectsSignatureOfAnotherMessage()
    {
        var cases =
            from seed in Seeds
            from message in Messages
            from other in Messages
            where !message.AsSpan().SequenceEqual(other)
            select (Seed: seed, Message: message, Other: other);

        Prop.ForAll(cases.ToArbitrary(), input =>
            !Verifier.Verify(Ed25519Reference.PublicKey(input.Seed), input.Other, Ed25519Reference.Sign(input.Seed, input.Message)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(15));
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(5000)]
    public void Verify_AcceptsReferenceSignatureOverLongMessage(int length)
    {
        // Messages up to 1 KiB are hashed from one stack buffer, longer ones incrementally: both sides of the edge.
        var seed = Rfc8032Vector.Named("TEST 3").SecretKeyBytes;
        var message = new byte[length];
        new Random(length).NextBytes(message);

        Assert.True(Verifier.Verify(Ed25519Reference.PublicKey(seed), message, Ed25519Reference.Sign(seed, message)));
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(5000)]
    public void Verify_RejectsLongMessageWithFlippedLastBit(int length)
    {
        var seed = Rfc8032Vector.Named("TEST 3").SecretKeyBytes;
        var message = new byte[length];
        new Random(length).NextBytes(message);
        var signature = Ed25519Reference.Sign(seed, message);
        message[^1] ^= 0x80;

        Assert.False(Verifier.Verify(Ed25519Reference.PublicKey(seed), message, signature));
    }

    [Fact]
    public void Verify_ReturnsFalseWithoutThrowingForArbitraryBytes()
    {
        // Random key, signature and message of random lengths (mostly the right ones): never an exception, and
        // (with overwhelming probability) never a valid signature.
        var lengths = Gen.Frequency((4, Gen.Constant(-1)), (1, Gen.Choose(0, 100)));
        var cases =
            from keyLength in lengths
            from signatureLength in lengths
            from key in AnyByte.ArrayOf(keyLength < 0 ? 32 : keyLength)
            from signature in AnyByte.ArrayOf(signatureLength < 0 ? 64 : signatureLength)
            from message in Messages
            select (Key: key, Signature: signature, Message: message);

        Prop.ForAll(cases.ToArbitrary(), input => !Verifier.Verify(input.Key, input.Message, input.Signature))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
