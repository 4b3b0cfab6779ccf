using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.AspNetCore;

/// <summary>Checks <see cref="TwoFactorWebOptions"/> at start-up and says how to fix what is wrong.</summary>
internal sealed class TwoFactorWebOptionsValidator : IValidateOptions<TwoFactorWebOptions>
{
    public ValidateOptionsResult Validate(string? name, TwoFactorWebOptions options)
    {
        var failures = new List<string>();
        if (options.AuthenticationScheme is { } scheme && string.IsNullOrWhiteSpace(scheme))
        {
            failures.Add("TwoFactorWebOptions.AuthenticationScheme must be null (the default sign-in scheme) or a scheme name.");
        }

        if (options.RateLimitPermits is < 1 or > 10_000)
        {
            failures.Add($"TwoFactorWebOptions.RateLimitPermits must be between 1 and 10000 (was {options.RateLimitPermits}).");
        }

        if (options.RateLimitWindow < TimeSpan.FromSeconds(1) || options.RateLimitWindow > TimeSpan.FromHours(1))
        {
            failures.Add($"TwoFactorWebOptions.RateLimitWindow must be between 1 second and 1 hour (was {options.RateLimitWindow}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
