using System.Buffers.Binary;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Totp;
using Cpoms.TwoFactor.Totp.Otp;

namespace Cpoms.TwoFactor.Benchmarks;

/// <summary>
/// TOTP verification and generation cost. The baseline is three one-shot <see cref="HMACSHA1.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>
/// calls over the same counters as a ±1 window; verification must cost at most 0.8× of it, allocate nothing,
/// and cost the same for a wrong code as for a right one.
/// </summary>
[MemoryDiagnoser]
public class TotpBenchmarks
{
    private const long Center = 58_925_000;

    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(20);
    private int _rightCode;
    private int _wrongCode;

    [GlobalSetup]
    public void Setup()
    {
        _rightCode = Hotp.Compute(OtpAlgorithm.Sha1, _secret, Center + 1, 6);
        var wrong = (_rightCode + 1) % 1_000_000;
        while (wrong == Hotp.Compute(OtpAlgorithm.Sha1, _secret, Center - 1, 6) || wrong == Hotp.Compute(OtpAlgorithm.Sha1, _secret, Center, 6))
        {
            wrong = (wrong + 1) % 1_000_000;
        }

        _wrongCode = wrong;
    }

    [Benchmark(Baseline = true, Description = "3 x one-shot HMACSHA1.HashData")]
    public int ThreeOneShotHmacSha1()
    {
        Span<byte> counter = stackalloc byte[8];
        Span<byte> mac = stackalloc byte[20];
        var sum = 0;
        for (var i = -1; i <= 1; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(counter, Center + i);
            HMACSHA1.HashData(_secret, counter, mac);
            sum += mac[19];
        }

        return sum;
    }

    [Benchmark(Description = "Verify ±1, right code")]
    public long VerifyRightCode() => TotpMatcher.Match(OtpAlgorithm.Sha1, _secret, 6, _rightCode, Center, 1, null).TimeStep;

    [Benchmark(Description = "Verify ±1, wrong code")]
    public long VerifyWrongCode() => TotpMatcher.Match(OtpAlgorithm.Sha1, _secret, 6, _wrongCode, Center, 1, null).TimeStep;

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
