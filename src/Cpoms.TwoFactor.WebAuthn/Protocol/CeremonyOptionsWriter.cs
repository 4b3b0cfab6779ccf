using System.Buffers;
using System.Text;
using System.Text.Json;

using Cpoms.TwoFactor.Core.Devices;

namespace Cpoms.TwoFactor.WebAuthn.Protocol;

/// <summary>
/// Writes the WebAuthn Level 3 JSON forms of the ceremony options (§5.1 <c>PublicKeyCredentialCreationOptionsJSON</c>
/// and <c>PublicKeyCredentialRequestOptionsJSON</c>) that a page passes to
/// <c>PublicKeyCredential.parseCreationOptionsFromJSON</c> / <c>parseRequestOptionsFromJSON</c>. Binary members are
/// base64url without padding.
/// </summary>
internal static class CeremonyOptionsWriter
{
    /// <summary>The creation options of a registration (WebAuthn §5.4).</summary>
    public static string WriteCreationOptions(
        WebAuthnOptions options,
        byte[] challenge,
        byte[] userHandle,
        string userName,
        string userDisplayName,
        IReadOnlyList<int> algorithms,
        string attestationConveyance,
        IReadOnlyList<SecurityKeyData> existingKeys,
        string? appIdExclude)
    {
        return Write(writer =>
        {
            writer.WriteStartObject("rp"u8);
            writer.WriteString("id"u8, options.RelyingPartyId);
            writer.WriteString("name"u8, options.RelyingPartyName);
            writer.WriteEndObject();

            writer.WriteStartObject("user"u8);
            writer.WriteString("id"u8, Base64UrlCodec.Encode(userHandle));
            writer.WriteString("name"u8, userName);
            writer.WriteString("displayName"u8, userDisplayName);
            writer.WriteEndObject();

            writer.WriteString("challenge"u8, Base64UrlCodec.Encode(challenge));

            // In preference order: authenticators pick the first they support.
            writer.WriteStartArray("pubKeyCredParams"u8);
            foreach (var alg in algorithms)
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "public-key"u8);
                writer.WriteNumber("alg"u8, alg);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("timeout"u8, (long)options.Timeout.TotalMilliseconds);

            // The user's existing keys: an authenticator holding one of them refuses to register again.
            WriteDescriptors(writer, "excludeCredentials"u8, existingKeys);

            writer.WriteStartObject("authenticatorSelection"u8);
            writer.WriteString("residentKey"u8, ToText(options.ResidentKey));
            writer.WriteBoolean("requireResidentKey"u8, options.ResidentKey == WebAuthnResidentKey.Required);
            writer.WriteString("userVerification"u8, ToText(options.UserVerification));
            writer.WriteEndObject();

            writer.WriteString("attestation"u8, attestationConveyance);

            writer.WriteStartObject("extensions"u8);
            writer.WriteBoolean("credProps"u8, true);
            if (appIdExclude is not null)
            {
                // WebAuthn §10.1.2: lets the browser also exclude the user's keys registered with the legacy U2F API.
                writer.WriteString("appidExclude"u8, appIdExclude);
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>The request options of an authentication (WebAuthn §5.5).</summary>
    public static string WriteRequestOptions(
        WebAuthnOptions options,
        byte[] challenge,
        IReadOnlyList<SecurityKeyData> allowedKeys,
        string? appId)
    {
        return Write(writer =>
        {
            writer.WriteString("challenge"u8, Base64UrlCodec.Encode(challenge));
            writer.WriteNumber("timeout"u8, (long)options.Timeout.TotalMilliseconds);
            writer.WriteString("rpId"u8, options.RelyingPartyId);
            WriteDescriptors(writer, "allowCredentials"u8, allowedKeys);
            writer.WriteString("userVerification"u8, ToText(options.UserVerification));
            if (appId is not null)
            {
                // WebAuthn §10.1.1: lets keys registered with the legacy U2F API sign for their AppID.
                writer.WriteStartObject("extensions"u8);
                writer.WriteString("appid"u8, appId);
                writer.WriteEndObject();
            }
        });
    }

    /// <summary>The text form of a user-verification requirement (WebAuthn §5.8.6).</summary>
    public static string ToText(WebAuthnUserVerification value) => value switch
    {
        WebAuthnUserVerification.Required => "required",
        WebAuthnUserVerification.Preferred => "preferred",
        _ => "discouraged",
    };

    private static string ToText(WebAuthnResidentKey value) => value switch
    {
        WebAuthnResidentKey.Required => "required",
        WebAuthnResidentKey.Preferred => "preferred",
        _ => "discouraged",
    };

    private static void WriteDescriptors(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<SecurityKeyData> keys)
    {
        writer.WriteStartArray(name);
        foreach (var key in keys)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "public-key"u8);
            writer.WriteString("id"u8, Base64UrlCodec.Encode(key.CredentialId));
            if (key.Transports.Count > 0)
            {
                writer.WriteStartArray("transports"u8);
                foreach (var transport in key.Transports)
                {
                    writer.WriteStringValue(transport);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
