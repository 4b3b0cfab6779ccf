using System.Text.Json;

using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.WebAuthn.Protocol;

/// <summary>
/// A browser's <c>PublicKeyCredential</c> in WebAuthn Level 3 JSON form (§5.1 <c>RegistrationResponseJSON</c> /
/// <c>AuthenticationResponseJSON</c>), with every binary member decoded from base64url. Members this code does not
/// know are ignored, so newer browsers keep working.
/// </summary>
internal sealed class CredentialResponse
{
    /// <summary>The largest response accepted, in bytes of UTF-8 JSON (attestation chains included).</summary>
    public const int MaxJsonBytes = 256 * 1024;

    private const int MaxTransports = 16;
    private const int MaxTransportLength = 32;

    private CredentialResponse()
    {
    }

    /// <summary><c>rawId</c> (checked equal to <c>id</c>).</summary>
    public byte[] RawId { get; private set; } = [];

    /// <summary><c>type</c>, which must be <c>public-key</c>.</summary>
    public bool IsPublicKeyType { get; private set; }

    /// <summary><c>response.clientDataJSON</c>.</summary>
    public byte[] ClientDataJson { get; private set; } = [];

    /// <summary><c>response.attestationObject</c> (registration).</summary>
    public byte[] AttestationObject { get; private set; } = [];

    /// <summary><c>response.transports</c> (registration), as hints.</summary>
    public IReadOnlyList<string> Transports { get; private set; } = [];

    /// <summary><c>response.authenticatorData</c> (authentication).</summary>
    public byte[] AuthenticatorData { get; private set; } = [];

    /// <summary><c>response.signature</c> (authentication).</summary>
    public byte[] Signature { get; private set; } = [];

    /// <summary><c>response.userHandle</c> (authentication); <see langword="null"/> when absent, null or empty.</summary>
    public byte[]? UserHandle { get; private set; }

    /// <summary>The <c>appid</c> client extension output (WebAuthn §10.1.1), when present.</summary>
    public bool? AppIdExtensionOutput { get; private set; }

    /// <summary>
    /// Parses a response. Returns <see langword="null"/> and the error when the JSON, a base64url value or a
    /// required member is wrong; never throws for bad input.
    /// </summary>
    /// <param name="utf8Json">The response JSON.</param>
    /// <param name="registration"><see langword="true"/> for <c>RegistrationResponseJSON</c>, else <c>AuthenticationResponseJSON</c>.</param>
    /// <param name="error">Why parsing failed.</param>
    public static CredentialResponse? Parse(ReadOnlySpan<byte> utf8Json, bool registration, out TwoFactorError? error)
    {
        var result = new CredentialResponse();
        error = WebAuthnErrors.MalformedResponse;
        if (utf8Json.Length > MaxJsonBytes)
        {
            return null;
        }

        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
        try
        {
            error = result.ReadCredential(ref reader, registration);
            if (error is null && reader.Read())
            {
                error = WebAuthnErrors.MalformedResponse;
            }
        }
        catch (JsonException)
        {
            error = WebAuthnErrors.MalformedResponse;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.CopyString on text that is not valid UTF-8.
            error = WebAuthnErrors.MalformedResponse;
        }

        return error is null ? result : null;
    }

    private TwoFactorError? ReadCredential(ref Utf8JsonReader reader, bool registration)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return WebAuthnErrors.MalformedResponse;
        }

        byte[]? id = null, rawId = null;
        var seenType = false;
        var seenResponse = false;
        var seenExtensions = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                if (id is not null || !ReadBinary(ref reader, out id))
                {
                    return WebAuthnErrors.MalformedResponse;
                }
            }
            else if (reader.ValueTextEquals("rawId"u8))
            {
                if (rawId is not null || !ReadBinary(ref reader, out rawId))
                {
                    return WebAuthnErrors.MalformedResponse;
                }
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                if (seenType || !reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return WebAuthnErrors.MalformedResponse;
                }

                seenType = true;
                IsPublicKeyType = reader.ValueTextEquals("public-key"u8);
            }
            else if (reader.ValueTextEquals("response"u8))
            {
                if (seenResponse || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return WebAuthnErrors.MalformedResponse;
                }

                seenResponse = true;
                if ((registration ? ReadAttestationResponse(ref reader) : ReadAssertionResponse(ref reader)) is { } responseError)
                {
                    return responseError;
                }
            }
            else if (reader.ValueTextEquals("clientExtensionResults"u8))
            {
                if (seenExtensions || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return WebAuthnErrors.MalformedResponse;
                }

                seenExtensions = true;
                if (ReadExtensionOutputs(ref reader) is { } extensionError)
                {
                    return extensionError;
                }
            }
            else
            {
                // authenticatorAttachment and members of later versions: not used.
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || id is null || rawId is null || !seenType || !seenResponse)
        {
            return WebAuthnErrors.MalformedResponse;
        }

        if (!id.AsSpan().SequenceEqual(rawId))
        {
            return WebAuthnErrors.CredentialIdMismatch;
        }

        RawId = rawId;
        return null;
    }

    private TwoFactorError? ReadAttestationResponse(ref Utf8JsonReader reader)
    {
        byte[]? clientData = null, attestationObject = null;
        List<string>? transports = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("clientDataJSON"u8))
            {
                if (clientData is not null || !ReadBinary(ref reader, out clientData))
                {
                    return WebAuthnErrors.MalformedResponse;
                }
            }
            else if (reader.ValueTextEquals("attestationObject"u8))
            {
                if (attestationObject is not null || !ReadBinary(ref reader, out attestationObject))
                {
                    return WebAuthnErrors.MalformedResponse;
                }
            }
            else if (reader.ValueTextEquals("transports"u8))
            {
                if (transports is not null || !ReadTransports(ref reader, out transports))
                {
                    return WebAuthnErrors.MalformedResponse;
                }
            }
            else
            {
                // authenticatorData, publicKey and publicKeyAlgorithm duplicate what the attestation object carries;
                // the attestation object is the signed source, so the copies are not used.
                reader.Read();
                reader.Skip();
            }
        }

        if (clientData is null || attestationObject is null)
        {
            return WebAuthnErrors.MalformedResponse;
        }

        ClientDataJson = clientData;
        AttestationObject = attestationObject;
        Transports = transports ?? [];
        return null;
    }

    private TwoFactorError? ReadAssertionResponse(ref Utf8JsonReader reader)
    {
        byte[]? clientData = null, authenticatorData = null, signature = null, userHandle = null;
        var seenUserHandle = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("clientDataJSON"u8))
            {
                if (clientData is not null || !ReadBinary(ref reader, out clientData))
                {
                    return WebAuthnErrors.MalformedResponse;
                }
            }
            else if (reader.ValueTextEquals("authenticatorData"u8))
            {
                if (authenticatorData is not null || !ReadBinary(ref reader, out authenticatorData))
                {
                    return WebAuthnErrors.MalformedResponse;
                }
            }
            else if (reader.ValueTextEquals("signature"u8))
            {
                if (signature is not null || !ReadBinary(ref reader, out signature))
                {
                    return WebAuthnErrors.MalformedResponse;
                }
            }
            else if (reader.ValueTextEquals("userHandle"u8))
            {
                if (seenUserHandle || !reader.Read())
                {
                    return WebAuthnErrors.MalformedResponse;
                }

                seenUserHandle = true;
                if (reader.TokenType != JsonTokenType.Null && !DecodeCurrent(ref reader, out userHandle))
                {
                    return WebAuthnErrors.MalformedResponse;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (clientData is null || authenticatorData is null || signature is null)
        {
            return WebAuthnErrors.MalformedResponse;
        }

        ClientDataJson = clientData;
        AuthenticatorData = authenticatorData;
        Signature = signature;

        // Safari sends an empty string when the authenticator returned no user handle: treat it as absent.
        UserHandle = userHandle is { Length: > 0 } ? userHandle : null;
        return null;
    }

    private TwoFactorError? ReadExtensionOutputs(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("appid"u8))
            {
                if (AppIdExtensionOutput is not null || !reader.Read() || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    return WebAuthnErrors.ExtensionOutputInvalid;
                }

                AppIdExtensionOutput = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("credProps"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return WebAuthnErrors.ExtensionOutputInvalid;
                }

                // WebAuthn §10.1.3: only the shape is checked; whether the key made a discoverable credential does
                // not change how this relying party uses it.
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("rk"u8))
                    {
                        if (!reader.Read() || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                        {
                            return WebAuthnErrors.ExtensionOutputInvalid;
                        }
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else
            {
                // Outputs of extensions this site did not request (a client may add them, WebAuthn §9): ignored.
                reader.Read();
                reader.Skip();
            }
        }

        return null;
    }

    private static bool ReadBinary(ref Utf8JsonReader reader, out byte[] value)
    {
        value = [];
        return reader.Read() && DecodeCurrent(ref reader, out value);
    }

    private static bool DecodeCurrent(ref Utf8JsonReader reader, out byte[] value)
    {
        value = [];
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        byte[]? decoded;
        if (reader.ValueIsEscaped)
        {
            var buffer = new byte[reader.ValueSpan.Length];
            decoded = Base64UrlCodec.Decode(buffer.AsSpan(0, reader.CopyString(buffer)));
        }
        else
        {
            decoded = Base64UrlCodec.Decode(reader.ValueSpan);
        }

        value = decoded ?? [];
        return decoded is not null;
    }

    private static bool ReadTransports(ref Utf8JsonReader reader, out List<string> transports)
    {
        transports = [];
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            var value = reader.GetString()!;
            if (transports.Count == MaxTransports || value.Length is 0 or > MaxTransportLength || !IsTransportToken(value))
            {
                return false;
            }

            if (!transports.Contains(value))
            {
                transports.Add(value);
            }
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool IsTransportToken(string value)
    {
        foreach (var c in value)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
