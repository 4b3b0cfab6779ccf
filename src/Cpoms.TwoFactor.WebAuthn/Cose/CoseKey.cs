using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cpoms.TwoFactor.WebAuthn.Cbor;
using Cpoms.TwoFactor.WebAuthn.Cryptography;

namespace Cpoms.TwoFactor.WebAuthn.Cose;

/// <summary>
/// A WebAuthn credential public key (WebAuthn §6.5.1.1): a COSE_Key (RFC 9052 §7) checked for consistency and
/// imported once into a platform key object, ready to verify signatures.
/// </summary>
/// <remarks>
/// <para>
/// Accepted keys: EC2 with P-256/ES256, P-384/ES384 or P-521/ES512 (RFC 9053 §2.1, §7.1); RSA with RS256/384/512,
/// PS256/384/512 or RS1 (RFC 8230, RFC 8812); OKP with Ed25519/EdDSA (RFC 9053 §2.2, §7.2; other OKP curves such
/// as Ed448 and the X25519/X448 key-agreement curves are rejected). Each key must carry exactly the parameters its type needs plus
/// <c>alg</c>: WebAuthn §6.5.1.1 requires <c>alg</c> and forbids other optional parameters, so <c>kid</c>,
/// <c>key_ops</c>, private-key parameters and unknown labels are rejected.
/// </para>
/// <para>
/// Encoding: the key must be in the CTAP2 canonical CBOR form, as WebAuthn §6.5.1.1 requires of the
/// credentialPublicKey. Every key in the project's real authenticator vectors (the <c>credential.publicKey</c>
/// and <c>expected.credentialPublicKey</c> of every vector, from security keys, platform authenticators, TPMs,
/// Android and Apple devices) passes <see cref="CborConformance.Ctap2Canonical"/>, so that mode is used; an
/// authenticator that emitted a non-canonical key would be rejected at registration with a clear error.
/// (Attestation objects are not all canonical, so they must be decoded with <see cref="CborConformance.Strict"/>.)
/// </para>
/// <para>
/// EC2 points are checked to lie on the curve before import (SEC 1 §3.2.2.1); the curves have cofactor 1 so this is
/// full public key validation. RSA moduli must be 2048–16384 bits and odd; the public exponent must be odd, at least
/// 3 and below 2³² (real authenticators use 65537; larger exponents only slow verification and hint at a malformed
/// key). Leading zero bytes in <c>n</c> and <c>e</c> are ignored. RS1 (RSASSA-PKCS1-v1_5 with SHA-1) decodes because
/// TPM attestation keys use it (RFC 8812 §2); deciding whether a credential may use it is the ceremony's job. Ed25519 keys must be 32 bytes, canonical, on the
/// curve and not of small order (RFC 8032 §5.1.3).
/// </para>
/// <para>
/// Thread safety: decoding produces an immutable object; <see cref="VerifySignature"/> and
/// <see cref="MatchesPublicKey"/> may be called concurrently (calls on one key are serialised around the
/// platform key object, which the platform does not document as thread-safe).
/// </para>
/// </remarks>
public sealed class CoseKey : IDisposable
{
    private const int LabelKty = 1;
    private const int LabelAlg = 3;
    private const int LabelCrv = -1;
    private const int LabelX = -2;
    private const int LabelY = -3;
    private const int LabelRsaN = -1;
    private const int LabelRsaE = -2;

    private const int MinRsaModulusBits = 2048;
    private const int MaxRsaModulusBits = 16384;

    private readonly Lock _gate = new();
    private readonly byte[] _encoded;
    private readonly ECDsa? _ecdsa;
    private readonly ECParameters? _ecParameters;
    private readonly int _fieldSize;
    private readonly RSA? _rsa;
    private readonly RSAParameters? _rsaParameters;
    private readonly RSASignaturePadding? _rsaPadding;
    private readonly Ed25519PublicKey? _ed25519;
    private readonly HashAlgorithmName _hash;
    private bool _disposed;

    private CoseKey(byte[] encoded, CoseKeyType keyType, CoseAlgorithm algorithm, HashAlgorithmName hash)
    {
        _encoded = encoded;
        KeyType = keyType;
        Algorithm = algorithm;
        _hash = hash;
    }

    private CoseKey(byte[] encoded, CoseAlgorithm algorithm, HashAlgorithmName hash, ECParameters parameters, int fieldSize, ECDsa ecdsa)
        : this(encoded, CoseKeyType.EC2, algorithm, hash)
    {
        _ecParameters = parameters;
        _fieldSize = fieldSize;
        _ecdsa = ecdsa;
    }

    private CoseKey(byte[] encoded, CoseAlgorithm algorithm, HashAlgorithmName hash, RSAParameters parameters, RSASignaturePadding padding, RSA rsa)
        : this(encoded, CoseKeyType.RSA, algorithm, hash)
    {
        _rsaParameters = parameters;
        _rsaPadding = padding;
        _rsa = rsa;
    }

    private CoseKey(byte[] encoded, ReadOnlyMemory<byte> okpPublicKey, Ed25519PublicKey ed25519)
        : this(encoded, CoseKeyType.OKP, CoseAlgorithm.EdDSA, default)
    {
        _ed25519 = ed25519;
        OkpPublicKey = okpPublicKey;
    }

    /// <summary>The key type (<c>kty</c>).</summary>
    public CoseKeyType KeyType { get; }

    /// <summary>The algorithm the key is bound to (<c>alg</c>); signatures are verified with exactly this algorithm.</summary>
    public CoseAlgorithm Algorithm { get; }

    /// <summary>The exact COSE_Key bytes this key was decoded from (a private copy: later changes to the caller's buffer do not affect it).</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>For EC2 keys, the curve and public point (a fresh copy on every call); otherwise <see langword="null"/>.</summary>
    public ECParameters? EcParameters => _ecParameters is { } p
        ? new ECParameters { Curve = p.Curve, Q = new ECPoint { X = (byte[])p.Q.X!.Clone(), Y = (byte[])p.Q.Y!.Clone() } }
        : null;

    /// <summary>For RSA keys, the modulus and exponent without leading zero bytes (a fresh copy on every call); otherwise <see langword="null"/>.</summary>
    public RSAParameters? RsaParameters => _rsaParameters is { } p
        ? new RSAParameters { Modulus = (byte[])p.Modulus!.Clone(), Exponent = (byte[])p.Exponent!.Clone() }
        : null;

    /// <summary>For OKP keys, the raw public key <c>x</c>; otherwise empty.</summary>
    public ReadOnlyMemory<byte> OkpPublicKey { get; }

    /// <summary>Decodes and validates a COSE_Key and imports it into a platform key object.</summary>
    /// <param name="encoded">The COSE_Key bytes (copied; the caller may reuse its buffer).</param>
    /// <returns>The key. Dispose it when it is no longer needed (or leave it to a <see cref="CoseKeyCache"/>).</returns>
    /// <exception cref="CborFormatException">The bytes are not one CTAP2-canonical CBOR item.</exception>
    /// <exception cref="CoseKeyFormatException">The item is not an acceptable WebAuthn credential public key.</exception>
    public static CoseKey Decode(ReadOnlyMemory<byte> encoded)
    {
        var bytes = encoded.ToArray();

        // WebAuthn §6.5.1.1: credentialPublicKey is a COSE_Key in the CTAP2 canonical CBOR encoding form.
        if (CborDecoder.Decode(bytes, CborConformance.Ctap2Canonical) is not CborMap map)
        {
            throw new CoseKeyFormatException("COSE key: the key is not a CBOR map (RFC 9052 §7).");
        }

        var keyType = RequireInteger(map, LabelKty, "kty");
        var algorithm = RequireInteger(map, LabelAlg, "alg");
        return keyType switch
        {
            (long)CoseKeyType.EC2 => DecodeEc2(bytes, map, algorithm),
            (long)CoseKeyType.RSA => DecodeRsa(bytes, map, algorithm),
            (long)CoseKeyType.OKP => DecodeOkp(bytes, map, algorithm),
            _ => throw new CoseKeyFormatException($"COSE key: key type (kty) {keyType} is not supported; expected 1 (OKP), 2 (EC2) or 3 (RSA)."),
        };
    }

    /// <summary>
    /// Verifies <paramref name="signature"/> over <paramref name="data"/> with this key's algorithm, in the formats
    /// WebAuthn §6.5.6 prescribes: ECDSA as an ASN.1 DER <c>Ecdsa-Sig-Value</c> (RFC 3279), RSA as the raw
    /// PKCS#1 v1.5 or PSS signature, EdDSA as the raw 64-byte R || S (RFC 8032 §5.1.6).
    /// </summary>
    /// <param name="data">The signed bytes (for WebAuthn: authenticatorData || SHA-256(clientDataJSON)).</param>
    /// <param name="signature">The signature as received.</param>
    /// <returns><see langword="true"/> only for a valid signature; any malformed or wrong signature gives <see langword="false"/>, never an exception.</returns>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool VerifySignature(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (_ecdsa is not null)
        {
            Span<byte> buffer = stackalloc byte[EcdsaDerSignature.MaxP1363Length];
            var p1363 = buffer[..(2 * _fieldSize)];
            if (!EcdsaDerSignature.TryConvertToP1363(signature, _fieldSize, p1363))
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return false;
            }

            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                // The span overload without a DSASignatureFormat takes IEEE P1363 and allocates least (measured:
                // 1216 B per call inside the platform, against 1416 B for the overloads taking a format, DER included).
                return _ecdsa.VerifyData(data, p1363, _hash);
            }
        }

        if (_ed25519 is not null)
        {
            // The Ed25519 key is immutable managed state: no platform handle, no lock needed.
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _ed25519.Verify(data, signature);
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return _rsa!.VerifyData(data, signature, _hash, _rsaPadding!);
            }
            catch (CryptographicException)
            {
                // A signature of the wrong length, or a hash the platform policy refuses (SHA-1), is not valid.
                return false;
            }
        }
    }

    /// <summary>
    /// Whether a certificate's public key is the same key as this one (same type, curve and point, or same modulus
    /// and exponent, or same Ed25519 key). Used by attestation formats that require the credential key to equal the
    /// attestation certificate's key: android-key (WebAuthn §8.4) and apple (WebAuthn §8.8).
    /// </summary>
    /// <param name="certificateKey">The certificate's subject public key.</param>
    /// <returns><see langword="true"/> when the key material is identical; <see langword="false"/> otherwise, including for keys the platform cannot read.</returns>
    public bool MatchesPublicKey(PublicKey certificateKey)
    {
        ArgumentNullException.ThrowIfNull(certificateKey);
        try
        {
            if (_ecParameters is { } ec)
            {
                using var other = certificateKey.GetECDsaPublicKey();
                if (other is null)
                {
                    return false;
                }

                var parameters = other.ExportParameters(includePrivateParameters: false);
                return parameters.Curve.IsNamed
                    && string.Equals(parameters.Curve.Oid.Value, ec.Curve.Oid.Value, StringComparison.Ordinal)
                    && parameters.Q.X.AsSpan().SequenceEqual(ec.Q.X)
                    && parameters.Q.Y.AsSpan().SequenceEqual(ec.Q.Y);
            }

            if (_rsaParameters is { } rsa)
            {
                using var other = certificateKey.GetRSAPublicKey();
                if (other is null)
                {
                    return false;
                }

                var parameters = other.ExportParameters(includePrivateParameters: false);
                return TrimLeadingZeros(parameters.Modulus).SequenceEqual(rsa.Modulus)
                    && TrimLeadingZeros(parameters.Exponent).SequenceEqual(rsa.Exponent);
            }

            // RFC 8410 §3: id-Ed25519 (1.3.101.112); the subjectPublicKey bits are the raw 32-byte key.
            return !OkpPublicKey.IsEmpty
                && string.Equals(certificateKey.Oid.Value, "1.3.101.112", StringComparison.Ordinal)
                && certificateKey.EncodedKeyValue.RawData.AsSpan().SequenceEqual(OkpPublicKey.Span);
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (NotSupportedException)
        {
            // A certificate key on a curve the platform does not know (PlatformNotSupportedException).
            return false;
        }
    }

    /// <summary>Releases the platform key object. Idempotent. Verifying afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _ecdsa?.Dispose();
            _rsa?.Dispose();
        }
    }

    private static CoseKey DecodeEc2(byte[] encoded, CborMap map, long algorithm)
    {
        RequireOnlyLabels(map, "EC2", LabelKty, LabelAlg, LabelCrv, LabelX, LabelY);

        // RFC 9053 §2.1: ES256 is ECDSA with SHA-256 and so on; WebAuthn pairs each with one curve (RFC 9053 §7.1: crv 1 P-256, 2 P-384, 3 P-521).
        var (expectedCurve, fieldSize, hash) = algorithm switch
        {
            (long)CoseAlgorithm.ES256 => (1L, 32, HashAlgorithmName.SHA256),
            (long)CoseAlgorithm.ES384 => (2L, 48, HashAlgorithmName.SHA384),
            (long)CoseAlgorithm.ES512 => (3L, 66, HashAlgorithmName.SHA512),
            _ => throw new CoseKeyFormatException($"COSE key: algorithm {algorithm} is not valid for an EC2 key; expected -7 (ES256), -35 (ES384) or -36 (ES512)."),
        };

        var curve = RequireInteger(map, LabelCrv, "crv");
        if (curve != expectedCurve)
        {
            throw new CoseKeyFormatException($"COSE key: curve (crv) {curve} does not match algorithm {(CoseAlgorithm)algorithm}, which requires crv {expectedCurve}.");
        }

        var x = RequireBytes(map, LabelX, "x");
        if (map[LabelY] is not CborByteString yValue)
        {
            throw new CoseKeyFormatException("COSE key: y (label -3) must be a byte string; compressed points (a boolean y) are not accepted.");
        }

        var y = yValue.Value.Span;
        if (x.Length != fieldSize || y.Length != fieldSize)
        {
            throw new CoseKeyFormatException($"COSE key: x and y must each be {fieldSize} bytes for crv {curve}; got {x.Length} and {y.Length}.");
        }

        // SEC 1 §3.2.2.1: the point must be on the curve (this also rejects the point at infinity).
        if (!EcCurvePoint.IsOnCurve(fieldSize, x, y))
        {
            throw new CoseKeyFormatException("COSE key: the EC2 point (x, y) is not on the curve.");
        }

        var parameters = new ECParameters
        {
            Curve = EcCurvePoint.NamedCurve(fieldSize),
            Q = new ECPoint { X = x.ToArray(), Y = y.ToArray() },
        };

        ECDsa ecdsa;
        try
        {
            ecdsa = ECDsa.Create(parameters);
        }
        catch (CryptographicException ex)
        {
            throw new CoseKeyFormatException("COSE key: the platform rejected the EC2 public key.", ex);
        }

        return new CoseKey(encoded, (CoseAlgorithm)algorithm, hash, parameters, fieldSize, ecdsa);
    }

    private static CoseKey DecodeRsa(byte[] encoded, CborMap map, long algorithm)
    {
        RequireOnlyLabels(map, "RSA", LabelKty, LabelAlg, LabelRsaN, LabelRsaE);
        var (hash, padding) = algorithm switch
        {
            (long)CoseAlgorithm.RS256 => (HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            (long)CoseAlgorithm.RS384 => (HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            (long)CoseAlgorithm.RS512 => (HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
            (long)CoseAlgorithm.PS256 => (HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            (long)CoseAlgorithm.PS384 => (HashAlgorithmName.SHA384, RSASignaturePadding.Pss),
            (long)CoseAlgorithm.PS512 => (HashAlgorithmName.SHA512, RSASignaturePadding.Pss),
            (long)CoseAlgorithm.RS1 => (HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1),
            _ => throw new CoseKeyFormatException($"COSE key: algorithm {algorithm} is not valid for an RSA key; expected RS256/384/512, PS256/384/512 or RS1."),
        };

        var modulus = TrimLeadingZeros(RequireBytes(map, LabelRsaN, "n"));
        var exponent = TrimLeadingZeros(RequireBytes(map, LabelRsaE, "e"));
        var modulusBits = modulus.IsEmpty ? 0 : ((modulus.Length - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[0]));
        if (modulusBits is < MinRsaModulusBits or > MaxRsaModulusBits)
        {
            throw new CoseKeyFormatException($"COSE key: the RSA modulus has {modulusBits} bits; {MinRsaModulusBits} to {MaxRsaModulusBits} are accepted.");
        }

        if ((modulus[^1] & 1) == 0)
        {
            throw new CoseKeyFormatException("COSE key: the RSA modulus is even.");
        }

        if (exponent.IsEmpty || exponent.Length > 4 || (exponent[^1] & 1) == 0 || (exponent.Length == 1 && exponent[0] < 3))
        {
            throw new CoseKeyFormatException("COSE key: the RSA public exponent must be odd, at least 3 and below 2^32.");
        }

        var parameters = new RSAParameters { Modulus = modulus.ToArray(), Exponent = exponent.ToArray() };
        RSA rsa;
        try
        {
            rsa = RSA.Create(parameters);
        }
        catch (CryptographicException ex)
        {
            throw new CoseKeyFormatException("COSE key: the platform rejected the RSA public key.", ex);
        }

        return new CoseKey(encoded, (CoseAlgorithm)algorithm, hash, parameters, padding, rsa);
    }

    private static CoseKey DecodeOkp(byte[] encoded, CborMap map, long algorithm)
    {
        RequireOnlyLabels(map, "OKP", LabelKty, LabelAlg, LabelCrv, LabelX);

        // RFC 9053 §2.2: EdDSA; WebAuthn credentials use Ed25519 (crv 6, RFC 9053 §7.1) only.
        if (algorithm != (long)CoseAlgorithm.EdDSA)
        {
            throw new CoseKeyFormatException($"COSE key: algorithm {algorithm} is not valid for an OKP key; expected -8 (EdDSA).");
        }

        var curve = RequireInteger(map, LabelCrv, "crv");
        if (curve != 6)
        {
            throw new CoseKeyFormatException($"COSE key: OKP curve (crv) {curve} is not supported; only 6 (Ed25519) is accepted with EdDSA.");
        }

        var x = RequireBytes(map, LabelX, "x");
        if (x.Length != 32)
        {
            throw new CoseKeyFormatException($"COSE key: an Ed25519 x must be 32 bytes; got {x.Length}.");
        }

        // RFC 8032 §5.1.3 decoding, plus rejection of small-order points.
        if (!Ed25519PublicKey.TryImport(x, out var ed25519))
        {
            throw new CoseKeyFormatException("COSE key: x is not a valid Ed25519 public key (non-canonical, not on the curve, or of small order).");
        }

        // The decoder slices rather than copies, so this is a view into the key's own private copy of its bytes.
        return new CoseKey(encoded, ((CborByteString)map[LabelX]!).Value, ed25519);
    }

    private static void RequireOnlyLabels(CborMap map, string keyType, params ReadOnlySpan<int> allowed)
    {
        foreach (var entry in map.Entries)
        {
            if (entry.Key is not CborInteger label || !allowed.Contains((int)Math.Clamp(label.Value, int.MinValue, int.MaxValue)))
            {
                var name = entry.Key is CborInteger integer ? integer.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "a non-integer label";
                throw new CoseKeyFormatException($"COSE key: parameter {name} is not allowed in an {keyType} credential key (WebAuthn §6.5.1.1 allows only alg besides the key parameters).");
            }
        }

        foreach (var label in allowed)
        {
            if (!map.TryGetValue(label, out _))
            {
                throw new CoseKeyFormatException($"COSE key: required parameter {label} is missing from the {keyType} key.");
            }
        }
    }

    private static long RequireInteger(CborMap map, long label, string name) => map[label] switch
    {
        CborInteger value => value.Value,
        null => throw new CoseKeyFormatException($"COSE key: required parameter {name} (label {label}) is missing."),
        _ => throw new CoseKeyFormatException($"COSE key: parameter {name} (label {label}) must be an integer."),
    };

    private static ReadOnlySpan<byte> RequireBytes(CborMap map, long label, string name) => map[label] switch
    {
        CborByteString value => value.Value.Span,
        null => throw new CoseKeyFormatException($"COSE key: required parameter {name} (label {label}) is missing."),
        _ => throw new CoseKeyFormatException($"COSE key: parameter {name} (label {label}) must be a byte string."),
    };

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        var first = value.IndexOfAnyExcept((byte)0);
        return first < 0 ? [] : value[first..];
    }
}
