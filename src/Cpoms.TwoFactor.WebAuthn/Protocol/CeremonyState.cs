using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Cpoms.TwoFactor.WebAuthn.Protocol;

/// <summary>
/// What a ceremony's completion must know about the options that were issued, carried in
/// <see cref="Core.Stores.OneTimeChallenge.State"/> next to the challenge bytes: the options are the
/// <c>options</c> of WebAuthn §7.1 step 1 / §7.2 step 1, so configuration changes between the two halves of a
/// ceremony do not change what is checked. Not secret (no key material), written and read only by this server.
/// </summary>
internal sealed class CeremonyState
{
    /// <summary>Registration: the user handle sent as <c>user.id</c>.</summary>
    public byte[] UserHandle { get; init; } = [];

    /// <summary>The user-verification requirement sent in the options.</summary>
    public WebAuthnUserVerification UserVerification { get; init; }

    /// <summary>Registration: the COSE algorithm identifiers of <c>pubKeyCredParams</c>.</summary>
    public IReadOnlyList<int> Algorithms { get; init; } = [];

    /// <summary>Authentication: the credential IDs of <c>allowCredentials</c>.</summary>
    public IReadOnlyList<byte[]> AllowCredentials { get; init; } = [];

    /// <summary>Authentication: the <c>appid</c> extension input that was sent, if any.</summary>
    public string? AppId { get; init; }

    /// <summary>Serializes the state.</summary>
    public string Serialize()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("uh"u8, Base64UrlCodec.Encode(UserHandle));
            writer.WriteNumber("uv"u8, (int)UserVerification);
            writer.WriteStartArray("alg"u8);
            foreach (var alg in Algorithms)
            {
                writer.WriteNumberValue(alg);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("allow"u8);
            foreach (var id in AllowCredentials)
            {
                writer.WriteStringValue(Base64UrlCodec.Encode(id));
            }

            writer.WriteEndArray();
            if (AppId is not null)
            {
                writer.WriteString("appid"u8, AppId);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads state written by <see cref="Serialize"/>; <see langword="null"/> when it is not such state.</summary>
    public static CeremonyState? Deserialize(string? state)
    {
        if (string.IsNullOrEmpty(state))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(state);
            var root = document.RootElement;
            var userHandle = Base64UrlCodec.Decode(Encoding.UTF8.GetBytes(root.GetProperty("uh").GetString() ?? ""));
            var uv = root.GetProperty("uv").GetInt32();
            var algorithms = new List<int>();
            foreach (var alg in root.GetProperty("alg").EnumerateArray())
            {
                algorithms.Add(alg.GetInt32());
            }

            var allow = new List<byte[]>();
            foreach (var id in root.GetProperty("allow").EnumerateArray())
            {
                allow.Add(Base64UrlCodec.Decode(Encoding.UTF8.GetBytes(id.GetString() ?? "")) ?? throw new FormatException());
            }

            if (userHandle is null || !Enum.IsDefined((WebAuthnUserVerification)uv))
            {
                return null;
            }

            return new CeremonyState
            {
                UserHandle = userHandle,
                UserVerification = (WebAuthnUserVerification)uv,
                Algorithms = algorithms,
                AllowCredentials = allow,
                AppId = root.TryGetProperty("appid", out var appId) ? appId.GetString() : null,
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }
}
