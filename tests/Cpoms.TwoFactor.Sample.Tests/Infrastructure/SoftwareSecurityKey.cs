using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cpoms.TwoFactor.Sample.Tests.Infrastructure;

/// <summary>
/// A security key in software, written from WebAuthn L3 for these tests: an ECDSA P-256 (ES256) credential,
/// "none" attestation (§8.7), authenticator data per §6.1, assertion signatures over authData ‖ SHA-256(clientDataJSON)
/// (§6.3.3), and the browser's JSON forms of the responses (§5.1.8). It behaves like a user who touches the key.
/// </summary>
public sealed class SoftwareSecurityKey : IDisposable
{
    private const byte UserPresent = 0x01;
    private const byte AttestedCredentialData = 0x40;

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>The signature counter; each assertion adds one before signing.</summary>
    public uint SignCount { get; private set; }

    /// <summary>What <c>navigator.credentials.create()</c> + <c>toJSON()</c> would return for <paramref name="publicKey"/> on <paramref name="origin"/>.</summary>
    public string Create(JsonElement publicKey, string origin)
    {
        var clientData = ClientData("webauthn.create", publicKey, origin);
        var point = _key.ExportParameters(false).Q;

        // COSE_Key (RFC 9053 §7.1.1 / RFC 9052 §7): kty 2 (EC2), alg -7 (ES256), crv 1 (P-256), x, y — canonical order.
        var coseKey = new TinyCbor().Map(5).Int(1).Int(2).Int(3).Int(-7).Int(-1).Int(1).Int(-2).Bytes(point.X!).Int(-3).Bytes(point.Y!).ToArray();

        // §6.5.2 attested credential data: AAGUID (zero for "none"), credential ID length (big-endian), ID, key.
        byte[] attested = [.. new byte[16], (byte)(CredentialId.Length >> 8), (byte)CredentialId.Length, .. CredentialId, .. coseKey];
        var authData = AuthenticatorData(publicKey.GetProperty("rp").GetProperty("id").GetString()!, UserPresent | AttestedCredentialData, attested);

        // §6.5.4 attestation object with the "none" format (§8.7): keys in canonical order fmt, attStmt, authData.
        var attestationObject = new TinyCbor().Map(3).Text("fmt").Text("none").Text("attStmt").Map(0).Text("authData").Bytes(authData).ToArray();
        return JsonSerializer.Serialize(new
        {
            id = Base64Url(CredentialId),
            rawId = Base64Url(CredentialId),
            type = "public-key",
            authenticatorAttachment = "cross-platform",
            clientExtensionResults = new { },
            response = new
            {
                clientDataJSON = Base64Url(clientData),
                attestationObject = Base64Url(attestationObject),
                transports = new[] { "usb" },
            },
        });
    }

    /// <summary>What <c>navigator.credentials.get()</c> + <c>toJSON()</c> would return for <paramref name="publicKey"/> on <paramref name="origin"/>.</summary>
    public string Get(JsonElement publicKey, string origin)
    {
        SignCount++;
        var clientData = ClientData("webauthn.get", publicKey, origin);
        var rpId = publicKey.TryGetProperty("rpId", out var id) ? id.GetString()! : new Uri(origin).Host;
        var authData = AuthenticatorData(rpId, UserPresent, []);
        var signature = _key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return JsonSerializer.Serialize(new
        {
            id = Base64Url(CredentialId),
            rawId = Base64Url(CredentialId),
            type = "public-key",
            authenticatorAttachment = "cross-platform",
            clientExtensionResults = new { },
            response = new
            {
                clientDataJSON = Base64Url(clientData),
                authenticatorData = Base64Url(authData),
                signature = Base64Url(signature),
            },
        });
    }

    public static string Base64Url(ReadOnlySpan<byte> value) =>
        Convert.ToBase64String(value).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string value)
    {
        var base64 = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }

    public void Dispose() => _key.Dispose();

    // §5.8.1 CollectedClientData, serialised in the order §5.8.1.1 gives.
    private static byte[] ClientData(string type, JsonElement publicKey, string origin) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            type,
            challenge = publicKey.GetProperty("challenge").GetString(),
            origin,
            crossOrigin = false,
        }));

    // §6.1: rpIdHash (32) ‖ flags (1) ‖ signCount (4, big-endian) ‖ attested credential data.
    private byte[] AuthenticatorData(string rpId, int flags, byte[] attested)
    {
        var count = SignCount;
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), (byte)flags, (byte)(count >> 24), (byte)(count >> 16), (byte)(count >> 8), (byte)count, .. attested];
    }

    /// <summary>Just enough CBOR (RFC 8949 §3): integers, byte and text strings, maps in the order given.</summary>
    private sealed class TinyCbor
    {
        private readonly List<byte> _bytes = [];

        public byte[] ToArray() => [.. _bytes];

        public TinyCbor Int(long value) => value >= 0 ? Head(0, (ulong)value) : Head(1, (ulong)(-1 - value));

        public TinyCbor Bytes(ReadOnlySpan<byte> value)
        {
            Head(2, (ulong)value.Length);
            _bytes.AddRange(value.ToArray());
            return this;
        }

        public TinyCbor Text(string value)
        {
            var utf8 = Encoding.UTF8.GetBytes(value);
            Head(3, (ulong)utf8.Length);
            _bytes.AddRange(utf8);
            return this;
        }

        public TinyCbor Map(int entries) => Head(5, (ulong)entries);

        private TinyCbor Head(int major, ulong value)
        {
            var type = (byte)(major << 5);
            if (value < 24)
            {
                _bytes.Add((byte)(type | (byte)value));
            }
            else if (value <= byte.MaxValue)
            {
                _bytes.Add((byte)(type | 24));
                _bytes.Add((byte)value);
            }
            else
            {
                _bytes.Add((byte)(type | 25));
                _bytes.Add((byte)(value >> 8));
                _bytes.Add((byte)value);
            }

            return this;
        }
    }
}
