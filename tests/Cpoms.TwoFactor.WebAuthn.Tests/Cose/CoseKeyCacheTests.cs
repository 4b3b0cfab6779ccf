using System.Security.Cryptography;
using Cpoms.TwoFactor.WebAuthn.Cbor;
using Cpoms.TwoFactor.WebAuthn.Cose;
using static Cpoms.TwoFactor.WebAuthn.Tests.Cose.CoseTestKeys;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Cose;

public sealed class CoseKeyCacheTests
{
    private static readonly ECDsa First = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly ECDsa Second = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Fact]
    public void GetOrDecode_SameBytesInAnotherBuffer_ReturnsSameInstance()
    {
        var cache = new CoseKeyCache();
        var bytes = Encode(Ec2(First, -7, 1));

        var a = cache.GetOrDecode(bytes);
        var b = cache.GetOrDecode(bytes.ToArray());

        Assert.Same(a, b);
    }

    [Fact]
    public void GetOrDecode_DifferentBytes_ReturnsDifferentKeys()
    {
        var cache = new CoseKeyCache();

        var a = cache.GetOrDecode(Encode(Ec2(First, -7, 1)));
        var b = cache.GetOrDecode(Encode(Ec2(Second, -7, 1)));

        Assert.NotSame(a, b);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void GetOrDecode_AtCapacity_EvictsAndStaysBounded()
    {
        var cache = new CoseKeyCache(capacity: 1);
        var first = Encode(Ec2(First, -7, 1));
        var a = cache.GetOrDecode(first);

        cache.GetOrDecode(Encode(Ec2(Second, -7, 1)));
        var again = cache.GetOrDecode(first);

        Assert.Equal(1, cache.Count);
        Assert.NotSame(a, again);
    }

    [Fact]
    public void GetOrDecode_BadKey_ThrowsAndCachesNothing()
    {
        var cache = new CoseKeyCache();

        Assert.Throws<CborFormatException>(() => cache.GetOrDecode(new byte[] { 0xff }));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void GetOrDecode_ConcurrentCallers_AllGetOneInstance()
    {
        var cache = new CoseKeyCache();
        var bytes = Encode(Ec2(First, -7, 1));
        var results = new CoseKey[64];

        Parallel.For(0, results.Length, i => results[i] = cache.GetOrDecode(bytes.ToArray()));

        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public void Constructor_ZeroCapacity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoseKeyCache(0));
    }
}
