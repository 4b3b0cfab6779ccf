using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Elevation;

/// <summary>Checks <see cref="ElevationOptions"/> at start-up and says how to fix what is wrong.</summary>
internal sealed class ElevationOptionsValidator : IValidateOptions<ElevationOptions>
{
    public ValidateOptionsResult Validate(string? name, ElevationOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.UserIdClaimType))
        {
            failures.Add("ElevationOptions.UserIdClaimType must name the claim that holds the user id: set it in AddElevation(o => o.UserIdClaimType = ...).");
        }

        if (options.RecentElevationMaxAge < TimeSpan.FromMinutes(1) || options.RecentElevationMaxAge > TimeSpan.FromHours(24))
        {
            failures.Add($"ElevationOptions.RecentElevationMaxAge must be between 1 minute and 24 hours (was {options.RecentElevationMaxAge}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
