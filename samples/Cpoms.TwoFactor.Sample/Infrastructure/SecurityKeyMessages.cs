namespace Cpoms.TwoFactor.Sample.Infrastructure;

/// <summary>Security-key texts the pages show without the browser script (the script has the same wording).</summary>
internal static class SecurityKeyMessages
{
    /// <summary>Shown when the page cannot run the security-key script (scripts off, or a browser without WebAuthn).</summary>
    public const string Unsupported =
        "This browser cannot use security keys. Please use an up-to-date version of Google Chrome, Microsoft Edge, Mozilla Firefox or Opera.";

    /// <summary>The confirmation after a key was added.</summary>
    public const string Registered = "Your security key has been registered.";
}
