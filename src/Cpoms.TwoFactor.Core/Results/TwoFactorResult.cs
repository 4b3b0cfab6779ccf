using System.Diagnostics.CodeAnalysis;

namespace Cpoms.TwoFactor.Core.Results;

/// <summary>The outcome of an operation that can fail in an expected way.</summary>
public sealed class TwoFactorResult
{
    private static readonly TwoFactorResult SuccessResult = new(null);

    private TwoFactorResult(TwoFactorError? error) => Error = error;

    /// <summary><see langword="true"/> when the operation succeeded.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>Why the operation failed; <see langword="null"/> on success.</summary>
    public TwoFactorError? Error { get; }

    /// <summary>A successful result.</summary>
    public static TwoFactorResult Success() => SuccessResult;

    /// <summary>A failed result.</summary>
    public static TwoFactorResult Failure(TwoFactorError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new TwoFactorResult(error);
    }

    /// <summary>A successful result carrying <paramref name="value"/>.</summary>
    public static TwoFactorResult<T> Success<T>(T value) => TwoFactorResult<T>.FromValue(value);

    /// <summary>A failed result of type <typeparamref name="T"/>.</summary>
    public static TwoFactorResult<T> Failure<T>(TwoFactorError error) => TwoFactorResult<T>.FromError(error);

    /// <summary>Converts an error to a failed result.</summary>
    public static implicit operator TwoFactorResult(TwoFactorError error) => Failure(error);

    /// <inheritdoc />
    public override string ToString() => Succeeded ? "Succeeded" : $"Failed ({Error})";
}

/// <summary>The outcome of an operation that produces a value or fails in an expected way.</summary>
public sealed class TwoFactorResult<T>
{
    private TwoFactorResult(T? value, TwoFactorError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary><see langword="true"/> when the operation succeeded and <see cref="Value"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The value; set only on success.</summary>
    public T? Value { get; }

    /// <summary>Why the operation failed; <see langword="null"/> on success.</summary>
    public TwoFactorError? Error { get; }

    internal static TwoFactorResult<T> FromValue(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new TwoFactorResult<T>(value, null);
    }

    internal static TwoFactorResult<T> FromError(TwoFactorError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new TwoFactorResult<T>(default, error);
    }

    /// <summary>Converts an error to a failed result.</summary>
    public static implicit operator TwoFactorResult<T>(TwoFactorError error) => FromError(error);

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"Succeeded ({Value})" : $"Failed ({Error})";
}
