using Cpoms.TwoFactor.Core;
using Cpoms.TwoFactor.Totp.Otp;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Totp;

/// <summary>Derives <see cref="TotpOptions.Issuer"/> from <see cref="TwoFactorOptions.ApplicationName"/> when unset.</summary>
internal sealed class TotpOptionsPostConfigure(IOptionsMonitor<TwoFactorOptions> core) : IPostConfigureOptions<TotpOptions>
{
    public void PostConfigure(string? name, TotpOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            options.Issuer = core.CurrentValue.ApplicationName;
        }
    }
}

/// <summary>Checks <see cref="TotpOptions"/> at start-up and says how to fix what is wrong.</summary>
internal sealed class TotpOptionsValidator : IValidateOptions<TotpOptions>
{
    public ValidateOptionsResult Validate(string? name, TotpOptions options)
    {
        const string prefix = "TotpOptions.";
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer) || options.Issuer.Length > 64)
        {
            failures.Add($"{prefix}Issuer must be 1 to 64 characters: set it in AddTotp(o => o.Issuer = \"...\") or set TwoFactorOptions.ApplicationName.");
        }

        if (!Enum.IsDefined(options.Algorithm))
        {
            failures.Add($"{prefix}Algorithm must be Sha1, Sha256 or Sha512 (was {options.Algorithm}).");
        }

        if (options.Digits is < 6 or > 8)
        {
            failures.Add($"{prefix}Digits must be 6, 7 or 8 (was {options.Digits}).");
        }

        if (options.Period < TimeSpan.FromSeconds(1) || options.Period > TimeSpan.FromMinutes(10) ||
            options.Period.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            failures.Add($"{prefix}Period must be a whole number of seconds from 1 second to 10 minutes (was {options.Period}).");
        }

        if (options.WindowSteps is < 0 or > 5)
        {
            failures.Add($"{prefix}WindowSteps must be from 0 to 5 (was {options.WindowSteps}).");
        }

        if (options.SecretSizeBytes is < 20 or > 64)
        {
            failures.Add($"{prefix}SecretSizeBytes must be from 20 (160 bits) to 64 (was {options.SecretSizeBytes}).");
        }

        if (options.DriftDetectionRange < TimeSpan.Zero || options.DriftDetectionRange > TimeSpan.FromMinutes(30))
        {
            failures.Add($"{prefix}DriftDetectionRange must be from zero (off) to 30 minutes (was {options.DriftDetectionRange}).");
        }
        else if (options.Period >= TimeSpan.FromSeconds(1) &&
                 options.DriftDetectionRange.Ticks / options.Period.Ticks > TotpMatcher.MaxCandidates / 2)
        {
            failures.Add($"{prefix}DriftDetectionRange may cover at most {TotpMatcher.MaxCandidates / 2} periods (was {options.DriftDetectionRange} with a {options.Period} period).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
