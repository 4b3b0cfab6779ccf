using System.Security.Cryptography;
using Cpoms.TwoFactor.WebAuthn.Tests.Cbor;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Cose;

/// <summary>Builds COSE_Key bytes for tests with the independent test encoder (CTAP2 canonical order).</summary>
internal static class CoseTestKeys
{
    public static byte[] Encode(params (long Label, CborNode Value)[] parameters) =>
        TestCborEncoder.Encode(new CborNode.Map([.. parameters.Select(p => ((CborNode)new CborNode.Int(p.Label), p.Value))]));

    public static CborNode Int(long value) => new CborNode.Int(value);

    public static CborNode Bytes(byte[] value) => new CborNode.Bytes(value);

    public static (long, CborNode)[] Ec2(int alg, int crv, byte[] x, byte[] y) =>
        [(1, Int(2)), (3, Int(alg)), (-1, Int(crv)), (-2, Bytes(x)), (-3, Bytes(y))];

    public static (long, CborNode)[] Ec2(ECDsa key, int alg, int crv)
    {
        var q = key.ExportParameters(false).Q;
        return Ec2(alg, crv, q.X!, q.Y!);
    }

    public static (long, CborNode)[] Okp(int alg, int crv, byte[] x) =>
        [(1, Int(1)), (3, Int(alg)), (-1, Int(crv)), (-2, Bytes(x))];

    public static (long, CborNode)[] Rsa(int alg, byte[] n, byte[] e) =>
        [(1, Int(3)), (3, Int(alg)), (-1, Bytes(n)), (-2, Bytes(e))];

    public static (long, CborNode)[] Rsa(RSA key, int alg)
    {
        var p = key.ExportParameters(false);
        return Rsa(alg, p.Modulus!, p.Exponent!);
    }

    public static (long, CborNode)[] With(this (long, CborNode)[] parameters, long label, CborNode value) =>
        [.. parameters.Where(p => p.Item1 != label), (label, value)];

    public static (long, CborNode)[] Without(this (long, CborNode)[] parameters, long label) =>
        [.. parameters.Where(p => p.Item1 != label)];
}
