using System.Text.Json;

using Cpoms.TwoFactor.WebAuthn.Protocol;

namespace Cpoms.TwoFactor.WebAuthn.Attestation;

/// <summary>
/// A SafetyNet attestation response (WebAuthn §8.5): a JWS in compact serialization (RFC 7515 §7.1) whose header
/// carries the signing certificate chain (<c>x5c</c>, RFC 7515 §4.1.6) and whose payload holds the device check.
/// Parsing does not verify anything; malformed input throws <see cref="AttestationFormatException"/>.
/// </summary>
internal sealed class SafetyNetJws
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    private SafetyNetJws(string algorithm, IReadOnlyList<byte[]> certificates, byte[] signingInput, byte[] signature)
    {
        Algorithm = algorithm;
        Certificates = certificates;
        SigningInput = signingInput;
        Signature = signature;
    }

    /// <summary>The header's <c>alg</c>, such as <c>RS256</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The header's <c>x5c</c> certificates (DER), signing certificate first.</summary>
    public IReadOnlyList<byte[]> Certificates { get; }

    /// <summary>The JWS Signing Input: the ASCII bytes of <c>header.payload</c> as received.</summary>
    public byte[] SigningInput { get; }

    /// <summary>The decoded JWS signature.</summary>
    public byte[] Signature { get; }

    /// <summary>The payload's <c>nonce</c> (standard base64 text), when present.</summary>
    public string? Nonce { get; private init; }

    /// <summary>The payload's <c>timestampMs</c> (milliseconds since the Unix epoch), when present.</summary>
    public long? TimestampMs { get; private init; }

    /// <summary>The payload's <c>ctsProfileMatch</c>, when present.</summary>
    public bool? CtsProfileMatch { get; private init; }

    public static SafetyNetJws Parse(ReadOnlySpan<byte> response)
    {
        var first = response.IndexOf((byte)'.');
        var last = response.LastIndexOf((byte)'.');
        if (first < 0 || first == last || response[(first + 1)..last].Contains((byte)'.'))
        {
            throw new AttestationFormatException("The SafetyNet response is not a compact JWS (three dot-separated parts).");
        }

        var header = DecodeBase64Url(response[..first]);
        var payload = DecodeBase64Url(response[(first + 1)..last]);
        var signature = DecodeBase64Url(response[(last + 1)..]);

        try
        {
            string algorithm;
            var certificates = new List<byte[]>();
            using (var headerJson = JsonDocument.Parse(header, JsonOptions))
            {
                var root = headerJson.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("x5c", out var x5c) || x5c.ValueKind != JsonValueKind.Array || x5c.GetArrayLength() == 0)
                {
                    throw new AttestationFormatException("The SafetyNet JWS header lacks alg or x5c.");
                }

                // RFC 7515 §4.1.11: a recipient that does not understand a critical header parameter must reject the JWS.
                if (root.TryGetProperty("crit", out _))
                {
                    throw new AttestationFormatException("The SafetyNet JWS header has critical parameters.");
                }

                algorithm = alg.GetString()!;
                foreach (var certificate in x5c.EnumerateArray())
                {
                    // RFC 7515 §4.1.6: x5c values are standard base64 (not base64url) DER.
                    if (certificate.ValueKind != JsonValueKind.String)
                    {
                        throw new AttestationFormatException("A SafetyNet x5c entry is not a string.");
                    }

                    certificates.Add(Convert.FromBase64String(certificate.GetString()!));
                }
            }

            using var payloadJson = JsonDocument.Parse(payload, JsonOptions);
            var body = payloadJson.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
            {
                throw new AttestationFormatException("The SafetyNet JWS payload is not a JSON object.");
            }

            return new SafetyNetJws(algorithm, certificates, response[..last].ToArray(), signature)
            {
                Nonce = body.TryGetProperty("nonce", out var nonce) && nonce.ValueKind == JsonValueKind.String ? nonce.GetString() : null,
                TimestampMs = body.TryGetProperty("timestampMs", out var timestamp) && timestamp.TryGetInt64(out var ms) ? ms : null,
                CtsProfileMatch = body.TryGetProperty("ctsProfileMatch", out var cts) && cts.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? cts.GetBoolean()
                    : null,
            };
        }
        catch (JsonException ex)
        {
            throw new AttestationFormatException("The SafetyNet JWS header or payload is not valid JSON.", ex);
        }
        catch (InvalidOperationException ex)
        {
            // JsonElement.GetString throws this for a string value that is not valid UTF-8.
            throw new AttestationFormatException("The SafetyNet JWS header or payload holds text that is not valid UTF-8.", ex);
        }
        catch (FormatException ex) when (ex is not AttestationFormatException)
        {
            throw new AttestationFormatException("A SafetyNet x5c certificate is not valid base64.", ex);
        }
    }

    private static byte[] DecodeBase64Url(ReadOnlySpan<byte> encoded) =>
        // RFC 7515 §2: each JWS part is base64url without padding, decoded with the package's strict codec.
        encoded.IsEmpty || Base64UrlCodec.Decode(encoded) is not { } decoded
            ? throw new AttestationFormatException("A SafetyNet JWS part is empty or not base64url.")
            : decoded;
}
