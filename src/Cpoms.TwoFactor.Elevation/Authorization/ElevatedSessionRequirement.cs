using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Elevation.Authorization;

/// <summary>
/// Requires an elevated session (see <see cref="ElevationManager.GetStateAsync"/>), optionally no older than
/// a maximum age. Evaluated by a handler that <c>AddElevation()</c> registers.
/// </summary>
public sealed class ElevatedSessionRequirement : IAuthorizationRequirement
{
    private ElevatedSessionRequirement(TimeSpan? maxAge, bool usesConfiguredMaxAge)
    {
        MaxAge = maxAge;
        UsesConfiguredMaxAge = usesConfiguredMaxAge;
    }

    /// <summary>Any elevated session, whatever its age.</summary>
    public static ElevatedSessionRequirement Any { get; } = new(null, false);

    /// <summary>
    /// An elevated session no older than <see cref="ElevationOptions.RecentElevationMaxAge"/>, read when the
    /// requirement is evaluated.
    /// </summary>
    public static ElevatedSessionRequirement Recent { get; } = new(null, true);

    /// <summary>A fixed maximum age; <see langword="null"/> when any age (or the configured one) is accepted.</summary>
    public TimeSpan? MaxAge { get; }

    /// <summary><see langword="true"/> when the maximum age is <see cref="ElevationOptions.RecentElevationMaxAge"/>.</summary>
    public bool UsesConfiguredMaxAge { get; }

    /// <summary>An elevated session no older than <paramref name="maxAge"/> (which must be positive).</summary>
    public static ElevatedSessionRequirement WithMaxAge(TimeSpan maxAge)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        return new ElevatedSessionRequirement(maxAge, false);
    }

    internal TimeSpan? ResolveMaxAge(IOptionsMonitor<ElevationOptions> options) =>
        UsesConfiguredMaxAge ? options.CurrentValue.RecentElevationMaxAge : MaxAge;
}

/// <summary>Evaluates <see cref="ElevatedSessionRequirement"/> with <see cref="ElevationManager"/>.</summary>
internal sealed class ElevatedSessionHandler(ElevationManager elevation, IOptionsMonitor<ElevationOptions> options)
    : AuthorizationHandler<ElevatedSessionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ElevatedSessionRequirement requirement)
    {
        var state = await elevation.GetStateAsync(context.User, requirement.ResolveMaxAge(options)).ConfigureAwait(false);
        if (state == ElevationState.Elevated)
        {
            context.Succeed(requirement);
        }
    }
}
