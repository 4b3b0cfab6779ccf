using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Cpoms.TwoFactor.WebAuthn.Cryptography;

/// <summary>
/// A validated Ed25519 public key A (RFC 8032 §5.1.5) ready for repeated signature verification
/// (RFC 8032 §5.1.7, PureEdDSA: no context, no pre-hash), as COSE algorithm -8 (EdDSA) uses it.
/// </summary>
/// <remarks>
/// <para>
/// Import decodes the 32-byte encoding once and rejects non-canonical encodings (y ≥ p), encodings of no
/// curve point, and the 8 points of small order (identity, order 2, 4 and 8). It keeps the odd multiples
/// A, 3A, …, 15A in affine form, so each <see cref="Verify"/> skips decoding and table building. Instances are
/// immutable and safe to share between threads; cache one per credential.
/// </para>
/// <para>
/// Verification is the cofactorless check [S]B = R + [k]A done by computing [S]B - [k]A, encoding it, and
/// comparing the bytes with R. RFC 8032 §5.1.7 step 3 names the cofactored equation
/// [8][S]B = [8]R + [8][k]A and says checking the cofactorless one instead "is sufficient, but not required".
/// Cofactorless is the stricter choice (every signature it accepts, cofactored accepts too), and every
/// signature made by RFC 8032 §5.1.6 signing with a regular key passes both. The two differ only on signatures
/// built from points with a small-order component, which no honest authenticator produces; the argument for
/// the cofactored form is agreement with batch verification (Chalkias, Garillot, Nikolaenko, "Taming the many
/// EdDSAs", SSR 2020), and this verifier never batches. The checks, in the terms of that paper: S ≥ L is
/// rejected (RFC 8032 §5.1.7 step 1; stops malleability), non-canonical A and R are rejected (RFC 8032
/// §5.1.3 step 1; for R the byte comparison with a canonical re-encoding enforces it), and, beyond the RFC,
/// an A or R of small order is rejected (with A of small order, [k]A takes at most 8 values and signatures
/// can be forged without a secret). A key with a small-order component that is not itself of small order
/// (a "mixed-order" key) is accepted, as RFC 8032 accepts it.
/// </para>
/// <para>
/// All of this is variable-time. That is safe here: every input (key, message, signature) is public, and no
/// secret is involved in verification.
/// </para>
/// </remarks>
internal sealed class Ed25519PublicKey
{
    /// <summary>Width of the non-adjacent form for k·A: digits up to ±15, the 8 odd multiples kept per key.</summary>
    private const int KeyNafWidth = 5;

    /// <summary>Width for S·B: digits up to ±127, the 64 odd multiples of B shared by every key.</summary>
    private const int BaseNafWidth = 8;

    /// <summary>Messages up to this many bytes are hashed from one stack buffer (R || A || M); longer ones incrementally.</summary>
    private const int StackHashLimit = 1024;

    private static readonly Ed25519AffineNielsPoint[] BaseMultiples =
        Ed25519Point.OddMultiples(Ed25519Point.BasePoint, 1 << (BaseNafWidth - 2));

    private readonly byte[] _encoded;
    private readonly Ed25519AffineNielsPoint[] _multiples;

    private Ed25519PublicKey(byte[] encoded, Ed25519AffineNielsPoint[] multiples)
    {
        _encoded = encoded;
        _multiples = multiples;
    }

    /// <summary>
    /// Decodes and validates a 32-byte encoded public key (RFC 8032 §5.1.3). Returns false, without throwing,
    /// for a wrong length, a non-canonical encoding (y ≥ p), a y with no point on the curve, x = 0 with the sign
    /// bit set, and any point of small order (including non-canonical encodings of one).
    /// </summary>
    public static bool TryImport(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out Ed25519PublicKey? key)
    {
        key = null;
        if (encoded.Length != Ed25519.PublicKeySize || !Ed25519Point.TryDecode(encoded, out var point) || point.IsSmallOrder)
        {
            return false;
        }

        key = new Ed25519PublicKey(encoded.ToArray(), Ed25519Point.OddMultiples(point, 1 << (KeyNafWidth - 2)));
        return true;
    }

    /// <summary>
    /// Verifies a 64-byte Ed25519 signature R || S over <paramref name="message"/> (RFC 8032 §5.1.7 with the
    /// strict checks described on the type). Returns false, never throws, for any malformed or wrong signature.
    /// Allocates nothing for messages up to 1 KiB; longer messages are hashed incrementally.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Ed25519.SignatureSize)
        {
            return false;
        }

        var encodedR = signature[..32];
        var encodedS = signature[32..];

        // §5.1.7 step 1: S must be an integer in [0, L). Accepting S + L would make signatures malleable.
        // Step 1 also decodes R; instead, step 3 compares R's bytes with the canonical encoding of the point
        // the equation predicts, which fails for every R that does not decode, or decodes non-canonically.
        if (!Ed25519Scalar.IsCanonical(encodedS))
        {
            return false;
        }

        // Step 2: k = SHA-512(dom2(F, C) || R || A || PH(M)) mod L; for Ed25519 dom2 is empty and PH is the identity.
        Span<byte> hash = stackalloc byte[64];
        ComputeChallengeHash(encodedR, message, hash);
        Span<byte> k = stackalloc byte[32];
        Ed25519Scalar.Reduce(hash, k);

        // Step 3 (cofactorless): R' = [S]B - [k]A, accept when encode(R') == R.
        Span<sbyte> sDigits = stackalloc sbyte[256];
        Span<sbyte> kDigits = stackalloc sbyte[256];
        Ed25519Scalar.ComputeNaf(encodedS, BaseNafWidth, sDigits);
        Ed25519Scalar.ComputeNaf(k, KeyNafWidth, kDigits);
        var expectedR = BaseTimesSMinusKeyTimesK(sDigits, kDigits);

        Span<byte> encodedExpectedR = stackalloc byte[32];
        expectedR.Encode(encodedExpectedR);
        if (!encodedExpectedR.SequenceEqual(encodedR))
        {
            return false;
        }

        // Strictness beyond the RFC: R of small order is rejected (R equals R' here, so test R').
        return !expectedR.IsSmallOrder;
    }

    private void ComputeChallengeHash(ReadOnlySpan<byte> encodedR, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        if (message.Length <= StackHashLimit)
        {
            Span<byte> input = stackalloc byte[64 + message.Length];
            encodedR.CopyTo(input);
            _encoded.CopyTo(input[32..]);
            message.CopyTo(input[64..]);
            SHA512.HashData(input, destination);
            return;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        hash.AppendData(encodedR);
        hash.AppendData(_encoded);
        hash.AppendData(message);
        hash.GetHashAndReset(destination);
    }

    /// <summary>
    /// [S]B - [k]A by one shared double-and-add pass over both non-adjacent forms (Straus–Shamir), from the
    /// top digit down. Variable-time by design: S, k and A are public.
    /// </summary>
    private Ed25519ProjectivePoint BaseTimesSMinusKeyTimesK(ReadOnlySpan<sbyte> sDigits, ReadOnlySpan<sbyte> kDigits)
    {
        var top = 255;
        while (top >= 0 && sDigits[top] == 0 && kDigits[top] == 0)
        {
            top--;
        }

        var result = Ed25519ProjectivePoint.Identity;
        var baseMultiples = BaseMultiples;
        var keyMultiples = _multiples;
        for (var i = top; i >= 0; i--)
        {
            var sum = result.Double();

            // Table entry j holds (2j + 1)·P, so an odd digit d uses entry |d| / 2.
            int digit = sDigits[i];
            if (digit > 0)
            {
                sum = Ed25519Point.Add(sum.ToExtended(), baseMultiples[digit >> 1]);
            }
            else if (digit < 0)
            {
                sum = Ed25519Point.Subtract(sum.ToExtended(), baseMultiples[-digit >> 1]);
            }

            // The k·A digits enter with the opposite sign: we want -[k]A.
            digit = kDigits[i];
            if (digit > 0)
            {
                sum = Ed25519Point.Subtract(sum.ToExtended(), keyMultiples[digit >> 1]);
            }
            else if (digit < 0)
            {
                sum = Ed25519Point.Add(sum.ToExtended(), keyMultiples[-digit >> 1]);
            }

            result = sum.ToProjective();
        }

        return result;
    }
}
