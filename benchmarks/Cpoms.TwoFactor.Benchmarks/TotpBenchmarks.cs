using System.Buffers.Binary;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Totp;
using Cpoms.TwoFactor.Totp.Otp;

namespace Cpoms.TwoFactor.Benchmarks;

/// <summary>Whether the verified code is the right one (it matches the window's last step) or a wrong one.</summary>
public enum SubmittedCode
{
    /// <summary>A code that matches no step of the window.</summary>
    Wrong,

    /// <summary>The code of the window's last step.</summary>
    Right,
}

/// <summary>
/// TOTP verification against its budget. The baseline is three one-shot
/// <see cref="HMACSHA1.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/> calls over the same counters
/// as a ±1 window; verification must cost at most 0.8× of it and allocate nothing. Each code kind gets its own
/// baseline run next to it, so the right/wrong comparison is made on ratios measured under the same load.
/// </summary>
[MemoryDiagnoser]
public class TotpVerifyBenchmarks
{
    private const long Center = 58_925_000;

    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(20);
    private int _code;

    [Params(SubmittedCode.Wrong, SubmittedCode.Right)]
    public SubmittedCode Code { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var right = Hotp.Compute(OtpAlgorithm.Sha1, _secret, Center + 1, 6);
        var wrong = (right + 1) % 1_000_000;
        while (wrong == Hotp.Compute(OtpAlgorithm.Sha1, _secret, Center - 1, 6) || wrong == Hotp.Compute(OtpAlgorithm.Sha1, _secret, Center, 6))
        {
            wrong = (wrong + 1) % 1_000_000;
        }

        _code = Code == SubmittedCode.Right ? right : wrong;
    }

    [Benchmark(Baseline = true, Description = "3 x one-shot HMACSHA1.HashData")]
    public int ThreeOneShotHmacSha1() => TotpBenchmarks.ThreeOneShotHmacSha1(_secret, Center);

    [Benchmark(Description = "Verify ±1")]
    public long Verify() => TotpMatcher.Match(OtpAlgorithm.Sha1, _secret, 6, _code, Center, 1, null).TimeStep;
}

/// <summary>
/// Code generation, and the HMAC designs that were measured and rejected for verification, against the same
/// baseline as <see cref="TotpVerifyBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class TotpBenchmarks
{
    private const long Center = 58_925_000;

    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(20);

    /// <summary>Three one-shot HMAC-SHA-1 calls over the counters of a ±1 window around <paramref name="center"/>.</summary>
    internal static int ThreeOneShotHmacSha1(byte[] secret, long center)
    {
        Span<byte> counter = stackalloc byte[8];
        Span<byte> mac = stackalloc byte[20];
        var sum = 0;
        for (var i = -1; i <= 1; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(counter, center + i);
            HMACSHA1.HashData(secret, counter, mac);
            sum += mac[19];
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "3 x one-shot HMACSHA1.HashData")]
    public int ThreeOneShot() => ThreeOneShotHmacSha1(_secret, Center);

    [Benchmark(Description = "Verify ±1 (chosen: pads over a reused IncrementalHash)")]
    public long Verify() => TotpMatcher.Match(OtpAlgorithm.Sha1, _secret, 6, 123_456, Center, 1, null).TimeStep;

    /// <summary>Rejected design: the same pads, hashed with one-shot <see cref="SHA1.HashData(ReadOnlySpan{byte}, Span{byte})"/>.</summary>
    [Benchmark(Description = "Alternative: pads over one-shot SHA1.HashData")]
    public int PadsOverOneShotSha1()
    {
        Span<byte> inner = stackalloc byte[64 + 8];
        Span<byte> outer = stackalloc byte[64 + 20];
        Span<byte> mac = stackalloc byte[20];
        for (var i = 0; i < 64; i++)
        {
            var k = i < _secret.Length ? _secret[i] : (byte)0;
            inner[i] = (byte)(k ^ 0x36);
            outer[i] = (byte)(k ^ 0x5c);
        }

        var sum = 0;
        for (var i = -1; i <= 1; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(inner[64..], Center + i);
            SHA1.HashData(inner, outer[64..]);
            SHA1.HashData(outer, mac);
            sum += mac[19];
        }

        return sum;
    }

    /// <summary>Rejected design: one <see cref="IncrementalHash"/> HMAC per verification (fast, but allocates).</summary>
    [Benchmark(Description = "Alternative: IncrementalHash.CreateHMAC per verification")]
    public int IncrementalHmacPerVerification()
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, _secret);
        Span<byte> counter = stackalloc byte[8];
        Span<byte> mac = stackalloc byte[20];
        var sum = 0;
        for (var i = -1; i <= 1; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(counter, Center + i);
            hmac.AppendData(counter);
            hmac.GetHashAndReset(mac);
            sum += mac[19];
        }

        return sum;
    }

    [Benchmark(Description = "Generate one code")]
    public char GenerateCode()
    {
        Span<char> code = stackalloc char[6];
        OneTimePassword.WriteHotp(_secret, Center, OtpAlgorithm.Sha1, 6, code);
        return code[5];
    }
}

/// <summary>Verification (±1 window, wrong code) per algorithm, for the figures in docs/performance.md.</summary>
[MemoryDiagnoser]
public class TotpAlgorithmBenchmarks
{
    private byte[] _secret = [];

    [Params(OtpAlgorithm.Sha1, OtpAlgorithm.Sha256, OtpAlgorithm.Sha512)]
    public OtpAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public void Setup() => _secret = RandomNumberGenerator.GetBytes(Algorithm switch
    {
        OtpAlgorithm.Sha1 => 20,
        OtpAlgorithm.Sha256 => 32,
        _ => 64,
    });

    [Benchmark(Description = "Verify ±1 (wrong code)")]
    public long Verify() => TotpMatcher.Match(Algorithm, _secret, 6, 123_456, 58_925_000, 1, null).TimeStep;

    [Benchmark(Description = "Drift search ±20 steps")]
    public int? DriftSearch() => TotpMatcher.FindDrift(Algorithm, _secret, 6, 123_456, 58_925_000, 20, 58_925_000, 1);
}
