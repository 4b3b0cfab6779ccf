using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;

using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.WebAuthn.Protocol;

/// <summary>
/// Checks <c>clientDataJSON</c> (WebAuthn §5.8.1 CollectedClientData) against what the relying party issued:
/// §7.1 steps 5–11 for registration and §7.2 steps 8–14 for authentication. The JSON is parsed as JSON, never
/// compared to a template: members may come in any order, with escapes, whitespace (pretty-printed CRLF) and
/// members this code does not know (<c>other_keys_can_be_added_here</c>, <c>androidPackageName</c>, the legacy
/// <c>tokenBinding</c>, <c>extraData</c>), which are ignored. Works on the bytes without building a DOM or strings.
/// </summary>
internal static class ClientDataVerifier
{
    /// <summary>The largest challenge string accepted (base64url characters); issued challenges use 43.</summary>
    private const int MaxChallengeLength = 256;

    /// <summary>The largest decoded challenge; anything longer cannot equal an issued one.</summary>
    private const int MaxChallengeBytes = MaxChallengeLength / 4 * 3;

    /// <summary>The <c>type</c> of a registration's client data.</summary>
    public static ReadOnlySpan<byte> RegistrationType => "webauthn.create"u8;

    /// <summary>The <c>type</c> of an authentication's client data.</summary>
    public static ReadOnlySpan<byte> AuthenticationType => "webauthn.get"u8;

    /// <summary>
    /// Verifies the client data. Returns <see langword="null"/> when every check passes, otherwise the error of the
    /// first failing check in the order of the specification (type, challenge, origin, crossOrigin, topOrigin).
    /// </summary>
    /// <param name="clientDataJson">The raw <c>clientDataJSON</c> bytes.</param>
    /// <param name="expectedType">The expected <c>type</c>, UTF-8.</param>
    /// <param name="expectedChallenge">The challenge bytes this server issued.</param>
    /// <param name="policy">The accepted origins and cross-origin rules.</param>
    internal static TwoFactorError? Verify(
        ReadOnlySpan<byte> clientDataJson,
        ReadOnlySpan<byte> expectedType,
        ReadOnlySpan<byte> expectedChallenge,
        RelyingPartyPolicy policy)
    {
        // §7.1 step 5 / §7.2 step 8: UTF-8 decode. A leading byte order mark is stripped; invalid UTF-8 is refused
        // rather than replaced, so no two byte strings decode to the same text.
        if (clientDataJson.StartsWith("\uFEFF"u8))
        {
            clientDataJson = clientDataJson[3..];
        }

        if (!Utf8.IsValid(clientDataJson))
        {
            return WebAuthnErrors.MalformedResponse;
        }

        // §7.1 step 6 / §7.2 step 9: parse as JSON. Duplicate members the checks depend on are refused, so a parser
        // that keeps the last duplicate cannot be told something different from this one.
        var seen = Member.None;
        bool typeMatches = false, challengeMatches = false, originMatches = false, crossOrigin = false, topOriginMatches = false;
        var reader = new Utf8JsonReader(clientDataJson, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 32 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return WebAuthnErrors.MalformedResponse;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = Identify(ref reader);
                if ((member != Member.Other && (seen & member) != 0) || !reader.Read())
                {
                    return WebAuthnErrors.MalformedResponse;
                }

                seen |= member;
                switch (member)
                {
                    case Member.Type when reader.TokenType == JsonTokenType.String:
                        typeMatches = reader.ValueTextEquals(expectedType);
                        break;
                    case Member.Challenge when reader.TokenType == JsonTokenType.String:
                        challengeMatches = ChallengeEquals(ref reader, expectedChallenge);
                        break;
                    case Member.Origin when reader.TokenType == JsonTokenType.String:
                        originMatches = EqualsAny(ref reader, policy.Origins);
                        break;
                    case Member.CrossOrigin when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                        crossOrigin = reader.TokenType == JsonTokenType.True;
                        break;
                    case Member.TopOrigin when reader.TokenType == JsonTokenType.String:
                        topOriginMatches = EqualsAny(ref reader, policy.TopOrigins);
                        break;
                    case Member.Other:
                        reader.Skip();
                        break;
                    default:
                        return WebAuthnErrors.MalformedResponse;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return WebAuthnErrors.MalformedResponse;
            }
        }
        catch (JsonException)
        {
            return WebAuthnErrors.MalformedResponse;
        }

        if ((seen & Member.Required) != Member.Required)
        {
            return WebAuthnErrors.MalformedResponse;
        }

        // §7.1 step 7 / §7.2 step 10: C.type is webauthn.create / webauthn.get.
        if (!typeMatches)
        {
            return WebAuthnErrors.ClientDataTypeMismatch;
        }

        // §7.1 step 8 / §7.2 step 11: C.challenge equals the base64url encoding of options.challenge (compared as
        // the decoded bytes of a canonical encoding, in constant time).
        if (!challengeMatches)
        {
            return WebAuthnErrors.ChallengeMismatch;
        }

        // §7.1 step 9 / §7.2 step 12: C.origin is an origin the RP expects (exact scheme, host and port; Android
        // app origins only when their key hash is configured).
        if (!originMatches)
        {
            return WebAuthnErrors.OriginMismatch;
        }

        // §7.1 step 10 / §7.2 step 13: crossOrigin true only when the RP expects to be framed cross-origin.
        if (crossOrigin && !policy.AllowCrossOrigin)
        {
            return WebAuthnErrors.CrossOriginNotAllowed;
        }

        // §7.1 step 11 / §7.2 step 14: a topOrigin needs an expected cross-origin frame and an expected top page.
        if ((seen & Member.TopOrigin) != 0 && (!policy.AllowCrossOrigin || !crossOrigin || !topOriginMatches))
        {
            return policy.AllowCrossOrigin ? WebAuthnErrors.TopOriginNotAllowed : WebAuthnErrors.CrossOriginNotAllowed;
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="clientDataJson"/> is well-formed client data (UTF-8 JSON object with string
    /// <c>type</c>, <c>challenge</c> and <c>origin</c>, no duplicates, nothing after it), whatever its values: lets a
    /// ceremony refuse unreadable input before it consumes the challenge. <see cref="Verify"/> refuses exactly the
    /// same inputs as malformed, before any value check.
    /// </summary>
    internal static bool IsWellFormed(ReadOnlySpan<byte> clientDataJson, RelyingPartyPolicy policy) =>
        !ReferenceEquals(Verify(clientDataJson, default, default, policy), WebAuthnErrors.MalformedResponse);

    private static Member Identify(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("type"u8))
        {
            return Member.Type;
        }

        if (reader.ValueTextEquals("challenge"u8))
        {
            return Member.Challenge;
        }

        if (reader.ValueTextEquals("origin"u8))
        {
            return Member.Origin;
        }

        if (reader.ValueTextEquals("crossOrigin"u8))
        {
            return Member.CrossOrigin;
        }

        return reader.ValueTextEquals("topOrigin"u8) ? Member.TopOrigin : Member.Other;
    }

    private static bool ChallengeEquals(ref Utf8JsonReader reader, ReadOnlySpan<byte> expected)
    {
        if (reader.ValueSpan.Length > MaxChallengeLength)
        {
            return false;
        }

        Span<byte> unescaped = stackalloc byte[MaxChallengeLength];
        scoped ReadOnlySpan<byte> text = reader.ValueSpan;
        if (reader.ValueIsEscaped)
        {
            text = unescaped[..reader.CopyString(unescaped)];
        }

        Span<byte> decoded = stackalloc byte[MaxChallengeBytes];
        return Base64UrlCodec.TryDecode(text, decoded, out var written) &&
            CryptographicOperations.FixedTimeEquals(decoded[..written], expected);
    }

    private static bool EqualsAny(ref Utf8JsonReader reader, byte[][] accepted)
    {
        foreach (var candidate in accepted)
        {
            if (reader.ValueTextEquals(candidate))
            {
                return true;
            }
        }

        return false;
    }

    [Flags]
    private enum Member
    {
        None = 0,
        Type = 1,
        Challenge = 2,
        Origin = 4,
        CrossOrigin = 8,
        TopOrigin = 16,
        Other = 32,
        Required = Type | Challenge | Origin,
    }
}
