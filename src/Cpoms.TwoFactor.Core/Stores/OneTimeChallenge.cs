using System.Buffers.Text;
using System.Security.Cryptography;

namespace Cpoms.TwoFactor.Core.Stores;

/// <summary>
/// A one-time value bound to a user and a purpose, with an expiry: a WebAuthn challenge, or a pending
/// enrollment (whose protected secret travels in <see cref="State"/> so that it never reaches a form field).
/// </summary>
public sealed record OneTimeChallenge
{
    /// <summary>The lookup handle the client sends back. Unguessable (at least 128 random bits).</summary>
    public required string Id { get; init; }

    /// <summary>The user the challenge was issued to.</summary>
    public required string UserId { get; init; }

    /// <summary>What the challenge is for, such as <c>webauthn.register</c>; a challenge verifies only for its purpose.</summary>
    public required string Purpose { get; init; }

    /// <summary>The challenge bytes (for WebAuthn, the 32 random bytes the client signs over).</summary>
    public byte[] Value { get; init; } = [];

    /// <summary>Server-side state carried with the challenge (protected where it holds secrets).</summary>
    public string? State { get; init; }

    /// <summary>When it was issued.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it stops being accepted.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>
    /// A new <see cref="Id"/>: 128 bits from <see cref="RandomNumberGenerator"/> as base64url without padding
    /// (22 characters), safe in URLs, form fields and JSON.
    /// </summary>
    public static string CreateId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
