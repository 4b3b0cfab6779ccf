namespace Cpoms.TwoFactor.WebAuthn;

/// <summary>
/// Thrown by <see cref="AuthenticatorData.Parse"/> when bytes are not valid authenticator data (WebAuthn §6.1).
/// The message names the broken rule and byte offset and never contains the input; malformed CBOR inside is
/// reported with the <see cref="Cbor.CborFormatException"/> as <see cref="Exception.InnerException"/>.
/// </summary>
public class AuthenticatorDataFormatException : FormatException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public AuthenticatorDataFormatException()
        : this("The authenticator data is malformed.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    /// <param name="message">What is wrong with the authenticator data.</param>
    public AuthenticatorDataFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the given message and the exception that revealed the problem.</summary>
    /// <param name="message">What is wrong with the authenticator data.</param>
    /// <param name="innerException">The exception that revealed the problem.</param>
    public AuthenticatorDataFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
