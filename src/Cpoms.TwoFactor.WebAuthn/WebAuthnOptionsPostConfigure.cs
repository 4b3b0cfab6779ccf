using Cpoms.TwoFactor.Core;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.WebAuthn;

/// <summary>Derived defaults: the RP name from the application name, the origin from the RP ID.</summary>
internal sealed class WebAuthnOptionsPostConfigure(IOptionsMonitor<TwoFactorOptions> twoFactorOptions) : IPostConfigureOptions<WebAuthnOptions>
{
    public void PostConfigure(string? name, WebAuthnOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.RelyingPartyName))
        {
            options.RelyingPartyName = twoFactorOptions.CurrentValue.ApplicationName;
        }

        if (options.Origins.Count == 0 && !string.IsNullOrEmpty(options.RelyingPartyId))
        {
            options.Origins.Add("https://" + options.RelyingPartyId);
        }
    }
}
