namespace Cpoms.TwoFactor.WebAuthn.Cose;

/// <summary>
/// Thrown by <see cref="CoseKey.Decode"/> when well-formed CBOR is not an acceptable WebAuthn credential key:
/// a missing or mistyped parameter, an unsupported key type, algorithm or curve, parameters that contradict each
/// other, or key material that is not a valid public key. The message names the rule; it never contains key bytes.
/// </summary>
public class CoseKeyFormatException : FormatException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public CoseKeyFormatException()
        : this("The COSE key is not acceptable.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    /// <param name="message">What is wrong with the key.</param>
    public CoseKeyFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the given message and the exception that revealed the problem.</summary>
    /// <param name="message">What is wrong with the key.</param>
    /// <param name="innerException">The exception that revealed the problem.</param>
    public CoseKeyFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
