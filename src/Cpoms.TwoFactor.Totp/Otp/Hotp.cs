using System.Buffers.Binary;
using System.Security.Cryptography;
using Cpoms.TwoFactor.Core.Devices;

namespace Cpoms.TwoFactor.Totp.Otp;

/// <summary>
/// RFC 4226 HOTP over HMAC-SHA-1, -256 and -512 (RFC 6238 §1.2), on the platform's hash functions.
/// HMAC is built from its definition (RFC 2104 §2): the key's inner and outer pads are computed once per
/// call and each counter then costs two hashes over stack buffers.
/// </summary>
/// <remarks>
/// The hashes run on one <see cref="IncrementalHash"/> per thread and algorithm, reset after every use
/// (<see cref="IncrementalHash.GetHashAndReset(Span{byte})"/>), so a verification allocates nothing and skips the
/// per-call context set-up of the one-shot APIs: measured, the one-shot <c>SHA1.HashData</c> over the same pads
/// was no faster than one-shot HMAC, the reused context about twice as fast (docs/performance.md).
/// Between calls each context holds only a reset hash state; the pads live on the stack and are zeroed.
/// </remarks>
internal static class Hotp
{
    [ThreadStatic]
    private static IncrementalHash?[]? t_hashes;

    /// <summary>The largest hash block size (SHA-512, 128 bytes).</summary>
    private const int MaxBlockSize = 128;

    /// <summary>The largest hash output size (SHA-512, 64 bytes).</summary>
    private const int MaxHashSize = 64;

    private static ReadOnlySpan<int> PowersOfTen => [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <summary>The HOTP value of one counter (RFC 4226 §5.3).</summary>
    public static int Compute(OtpAlgorithm algorithm, ReadOnlySpan<byte> key, long counter, int digits)
    {
        Span<int> codes = stackalloc int[1];
        ComputeSequence(algorithm, key, counter, digits, codes);
        return codes[0];
    }

    /// <summary>
    /// The HOTP values of <paramref name="codes"/>.Length consecutive counters starting at
    /// <paramref name="firstCounter"/>. Every counter costs the same work.
    /// </summary>
    public static void ComputeSequence(OtpAlgorithm algorithm, ReadOnlySpan<byte> key, long firstCounter, int digits, Span<int> codes)
    {
        if ((uint)(digits - 1) >= 8)
        {
            throw new ArgumentOutOfRangeException(nameof(digits), digits, "HOTP values have 1 to 8 digits here.");
        }

        var (blockSize, hashSize) = Sizes(algorithm);
        var modulus = PowersOfTen[digits];

        // RFC 2104 §2: K0 = K, zero-padded to the block size; a key longer than a block is hashed first.
        // inner = H((K0 ^ ipad) || counter), outer = H((K0 ^ opad) || inner).
        Span<byte> inner = stackalloc byte[MaxBlockSize + 8];
        Span<byte> outer = stackalloc byte[MaxBlockSize + MaxHashSize];
        Span<byte> mac = stackalloc byte[MaxHashSize];
        inner = inner[..(blockSize + 8)];
        outer = outer[..(blockSize + hashSize)];
        mac = mac[..hashSize];
        try
        {
            var k0 = outer[..blockSize];
            k0.Clear();
            if (key.Length > blockSize)
            {
                Hash(algorithm, key, k0);
            }
            else
            {
                key.CopyTo(k0);
            }

            for (var i = 0; i < blockSize; i++)
            {
                inner[i] = (byte)(k0[i] ^ 0x36);
                outer[i] = (byte)(k0[i] ^ 0x5c);
            }

            for (var i = 0; i < codes.Length; i++)
            {
                // RFC 4226 §5.2: the counter is an 8-byte big-endian value.
                BinaryPrimitives.WriteInt64BigEndian(inner[blockSize..], firstCounter + i);
                Hash(algorithm, inner, outer[blockSize..]);
                Hash(algorithm, outer, mac);
                codes[i] = Truncate(mac) % modulus;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(inner);
            CryptographicOperations.ZeroMemory(outer);
            CryptographicOperations.ZeroMemory(mac);
        }
    }

    /// <summary>RFC 4226 §5.3 dynamic truncation: 31 bits from the offset named by the last byte's low nibble.</summary>
    private static int Truncate(ReadOnlySpan<byte> mac)
    {
        var offset = mac[^1] & 0x0f;
        return ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
    }

    private static (int BlockSize, int HashSize) Sizes(OtpAlgorithm algorithm) => algorithm switch
    {
        OtpAlgorithm.Sha1 => (64, SHA1.HashSizeInBytes),
        OtpAlgorithm.Sha256 => (64, SHA256.HashSizeInBytes),
        OtpAlgorithm.Sha512 => (128, SHA512.HashSizeInBytes),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown OTP algorithm."),
    };

    private static void Hash(OtpAlgorithm algorithm, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var hashes = t_hashes ??= new IncrementalHash?[3];
        var hash = hashes[(int)algorithm] ??= IncrementalHash.CreateHash(algorithm switch
        {
            OtpAlgorithm.Sha1 => HashAlgorithmName.SHA1,
            OtpAlgorithm.Sha256 => HashAlgorithmName.SHA256,
            _ => HashAlgorithmName.SHA512,
        });
        try
        {
            hash.AppendData(source);
            hash.GetHashAndReset(destination);
        }
        catch
        {
            // Never reuse a context that may hold part of a message.
            hashes[(int)algorithm] = null;
            hash.Dispose();
            throw;
        }
    }
}
