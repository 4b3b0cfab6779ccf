using Cpoms.TwoFactor.WebAuthn.Cose;
using Cpoms.TwoFactor.WebAuthn.Protocol;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.WebAuthn;

/// <summary>Checks <see cref="WebAuthnOptions"/> at start-up and says how to fix what is wrong.</summary>
internal sealed class WebAuthnOptionsValidator : IValidateOptions<WebAuthnOptions>
{
    private const string Prefix = "WebAuthnOptions.";

    public ValidateOptionsResult Validate(string? name, WebAuthnOptions options)
    {
        var failures = new List<string>();
        var rpId = options.RelyingPartyId;
        var rpIdValid = WebOrigins.IsValidRpId(rpId);
        if (!rpIdValid)
        {
            failures.Add($"{Prefix}RelyingPartyId must be the site's domain in lower case, such as \"contoso.example\" (no scheme, port or path); was \"{rpId}\". Set it in AddWebAuthn(o => o.RelyingPartyId = \"...\").");
        }

        if (string.IsNullOrWhiteSpace(options.RelyingPartyName) || options.RelyingPartyName.Length > 64)
        {
            failures.Add($"{Prefix}RelyingPartyName must be 1 to 64 characters (it defaults to TwoFactorOptions.ApplicationName).");
        }

        if (options.Origins.Count == 0)
        {
            failures.Add($"{Prefix}Origins must list at least one origin, such as \"https://{(rpIdValid ? rpId : "contoso.example")}\".");
        }

        foreach (var origin in options.Origins)
        {
            if (!WebOrigins.TryNormalize(origin, out _, out var host, out var problem))
            {
                failures.Add($"{Prefix}Origins: \"{origin}\" {problem}.");
            }
            else if (rpIdValid && !WebOrigins.IsRpIdSuffixOf(rpId, host))
            {
                failures.Add($"{Prefix}Origins: the host of \"{origin}\" is not \"{rpId}\" or a subdomain of it; browsers would refuse the RP ID there. Fix RelyingPartyId or the origin.");
            }
        }

        foreach (var hash in options.AllowedAndroidApkKeyHashes)
        {
            if (!WebOrigins.IsValidApkKeyHash(hash))
            {
                failures.Add($"{Prefix}AllowedAndroidApkKeyHashes: \"{hash}\" must be the base64url (no padding) SHA-256 hash of the APK signing certificate, 43 characters.");
            }
        }

        if (options.AllowedTopOrigins.Count > 0 && !options.AllowCrossOrigin)
        {
            failures.Add($"{Prefix}AllowedTopOrigins needs AllowCrossOrigin = true: top origins are only sent from cross-origin frames.");
        }

        foreach (var origin in options.AllowedTopOrigins)
        {
            if (!WebOrigins.TryNormalize(origin, out _, out _, out var problem))
            {
                failures.Add($"{Prefix}AllowedTopOrigins: \"{origin}\" {problem}.");
            }
        }

        if (!Enum.IsDefined(options.UserVerification))
        {
            failures.Add($"{Prefix}UserVerification must be Discouraged, Preferred or Required.");
        }

        if (!Enum.IsDefined(options.ResidentKey))
        {
            failures.Add($"{Prefix}ResidentKey must be Discouraged, Preferred or Required.");
        }

        if (options.Algorithms.Count == 0)
        {
            failures.Add($"{Prefix}Algorithms must list at least one algorithm (the default list is ES256, EdDSA, ES384, ES512, PS256, RS256).");
        }

        var algorithms = new HashSet<CoseAlgorithm>();
        foreach (var algorithm in options.Algorithms)
        {
            if (!Enum.IsDefined(algorithm))
            {
                failures.Add($"{Prefix}Algorithms: {(int)algorithm} is not a supported COSE algorithm.");
            }
            else if (!algorithms.Add(algorithm))
            {
                failures.Add($"{Prefix}Algorithms lists {algorithm} twice.");
            }
        }

        if (options.Timeout < TimeSpan.FromSeconds(10) || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Prefix}Timeout must be between 10 seconds and 10 minutes (was {options.Timeout}).");
        }

        if (options.LegacyAppId is not null && !WebOrigins.IsValidAppId(options.LegacyAppId))
        {
            failures.Add($"{Prefix}LegacyAppId must be the absolute https URL the legacy U2F keys were registered with (was \"{options.LegacyAppId}\").");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
