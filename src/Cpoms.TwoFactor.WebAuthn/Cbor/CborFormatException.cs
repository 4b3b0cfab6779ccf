namespace Cpoms.TwoFactor.WebAuthn.Cbor;

/// <summary>
/// Thrown by <see cref="CborDecoder"/> when its input is not a well-formed CBOR item, breaks a rule of the
/// requested <see cref="CborConformance"/>, or exceeds the configured <see cref="CborLimits"/>.
/// </summary>
/// <remarks>
/// This is the only exception the decoder throws for bad input, whatever the bytes are. The message names the
/// broken rule and the byte offset (from the start of the decoded input) where it was found; it never contains
/// the input bytes themselves, so it is safe to log.
/// </remarks>
public class CborFormatException : FormatException
{
    /// <summary>Creates the exception with a generic message and an unknown offset (-1).</summary>
    public CborFormatException()
        : this("The CBOR input is malformed.")
    {
    }

    /// <summary>Creates the exception with the given message and an unknown offset (-1).</summary>
    /// <param name="message">What is wrong with the input.</param>
    public CborFormatException(string message)
        : base(message)
    {
        Offset = -1;
    }

    /// <summary>Creates the exception with the given message, an unknown offset (-1) and an inner exception.</summary>
    /// <param name="message">What is wrong with the input.</param>
    /// <param name="innerException">The exception that revealed the problem.</param>
    public CborFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Offset = -1;
    }

    /// <summary>Creates the exception for a problem found at <paramref name="offset"/>.</summary>
    /// <param name="message">What is wrong with the input, without the offset (it is appended).</param>
    /// <param name="offset">Zero-based byte offset into the decoded input.</param>
    public CborFormatException(string message, int offset)
        : base($"CBOR: {message} (at byte offset {offset}).")
    {
        Offset = offset;
    }

    /// <summary>The zero-based byte offset into the decoded input where the problem was found, or -1 when unknown.</summary>
    public int Offset { get; }
}
