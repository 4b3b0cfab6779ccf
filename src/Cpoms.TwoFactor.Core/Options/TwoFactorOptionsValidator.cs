using Microsoft.Extensions.Options;
using Cpoms.TwoFactor.Core.Throttling;

namespace Cpoms.TwoFactor.Core;

/// <summary>Checks <see cref="TwoFactorOptions"/> at start-up and says how to fix what is wrong.</summary>
internal sealed class TwoFactorOptionsValidator : IValidateOptions<TwoFactorOptions>
{
    public ValidateOptionsResult Validate(string? name, TwoFactorOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApplicationName) || options.ApplicationName.Length > 64)
        {
            failures.Add("TwoFactorOptions.ApplicationName must be 1 to 64 characters: set it in AddCpomsTwoFactor(o => o.ApplicationName = \"...\").");
        }

        if (options.ChallengeLifetime < TimeSpan.FromSeconds(30) || options.ChallengeLifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"TwoFactorOptions.ChallengeLifetime must be between 30 seconds and 1 hour (was {options.ChallengeLifetime}).");
        }

        if (options.EnrollmentLifetime < TimeSpan.FromMinutes(1) || options.EnrollmentLifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"TwoFactorOptions.EnrollmentLifetime must be between 1 minute and 1 hour (was {options.EnrollmentLifetime}).");
        }

        ValidateThrottling(options.Throttling, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateThrottling(ThrottlingOptions t, List<string> failures)
    {
        const string prefix = "TwoFactorOptions.Throttling.";
        if (t.FreeFailures < 0 || t.FreeFailures >= t.LockoutThreshold)
        {
            failures.Add($"{prefix}FreeFailures must be at least 0 and below LockoutThreshold ({t.LockoutThreshold}); was {t.FreeFailures}.");
        }

        if (t.BaseDelay <= TimeSpan.Zero || t.BaseDelay > t.MaxDelay)
        {
            failures.Add($"{prefix}BaseDelay must be positive and at most MaxDelay ({t.MaxDelay}); was {t.BaseDelay}.");
        }

        if (t.LockoutDuration <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}LockoutDuration must be positive; was {t.LockoutDuration}.");
        }

        if (t.LockoutThreshold < 1 || t.LockoutThreshold > t.MaxConsecutiveFailures)
        {
            failures.Add($"{prefix}LockoutThreshold must be between 1 and MaxConsecutiveFailures ({t.MaxConsecutiveFailures}); was {t.LockoutThreshold}.");
        }

        if (t.MaxConsecutiveFailures < 1 || t.MaxConsecutiveFailures > ThrottlingOptions.MaxConsecutiveFailuresLimit)
        {
            failures.Add($"{prefix}MaxConsecutiveFailures must be between 1 and {ThrottlingOptions.MaxConsecutiveFailuresLimit}; was {t.MaxConsecutiveFailures}.");
        }
    }
}
