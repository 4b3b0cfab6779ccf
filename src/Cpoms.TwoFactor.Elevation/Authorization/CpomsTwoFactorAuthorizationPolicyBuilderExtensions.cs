using Cpoms.TwoFactor.Elevation.Authorization;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>Adds the elevation requirements to authorization policies.</summary>
public static class CpomsTwoFactorAuthorizationPolicyBuilderExtensions
{
    /// <summary>
    /// Requires a signed-in, elevated session; with <paramref name="maxAge"/>, an elevation no older than that.
    /// </summary>
    public static AuthorizationPolicyBuilder RequireElevatedSession(this AuthorizationPolicyBuilder builder, TimeSpan? maxAge = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthenticatedUser().AddRequirements(
            maxAge is { } age ? ElevatedSessionRequirement.WithMaxAge(age) : ElevatedSessionRequirement.Any);
    }

    /// <summary>
    /// Requires a signed-in session elevated within <see cref="Cpoms.TwoFactor.Elevation.ElevationOptions.RecentElevationMaxAge"/>.
    /// </summary>
    public static AuthorizationPolicyBuilder RequireRecentlyElevatedSession(this AuthorizationPolicyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthenticatedUser().AddRequirements(ElevatedSessionRequirement.Recent);
    }

    /// <summary>
    /// Requires <paramref name="permission"/> from the user's group, granted only to an elevated session
    /// (see <see cref="GroupPermissionRequirement"/>).
    /// </summary>
    public static AuthorizationPolicyBuilder RequireGroupPermission(this AuthorizationPolicyBuilder builder, string permission)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthenticatedUser().AddRequirements(new GroupPermissionRequirement(permission));
    }
}
