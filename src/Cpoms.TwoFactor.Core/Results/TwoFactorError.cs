namespace Cpoms.TwoFactor.Core.Results;

/// <summary>
/// An expected failure: a wrong code, a bad signature, a replay, an expiry. <see cref="Code"/> is stable
/// and safe to branch on; <see cref="Message"/> is written for the person at the keyboard and may change.
/// </summary>
/// <remarks>
/// Each package keeps its codes in one catalogue class (<see cref="TwoFactorErrors"/> for Core), with a
/// prefix per package (<c>core.</c>, <c>totp.</c>, <c>webauthn.</c>, …); codes are never reused.
/// </remarks>
public sealed record TwoFactorError
{
    /// <summary>Creates an error.</summary>
    /// <param name="code">The stable, machine-readable code, such as <c>totp.invalid_code</c>.</param>
    /// <param name="message">The user-facing message.</param>
    public TwoFactorError(string code, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Code = code;
        Message = message;
    }

    /// <summary>The stable code.</summary>
    public string Code { get; }

    /// <summary>The user-facing message.</summary>
    public string Message { get; init; }

    /// <summary>For throttling errors: the earliest time another attempt will be considered.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
