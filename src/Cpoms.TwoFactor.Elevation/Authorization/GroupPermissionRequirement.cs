using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.Elevation.Authorization;

/// <summary>
/// Requires a permission of the user's group, which applies only to an elevated session: a session signed
/// in with a password alone is denied even when the group grants the permission. The host answers the
/// group question through <see cref="IUserGroupPermissions"/>; when none is registered the requirement fails.
/// </summary>
public sealed class GroupPermissionRequirement : IAuthorizationRequirement
{
    /// <summary>Requires <paramref name="permission"/> (a host-defined name such as <c>safeguarding.view</c>).</summary>
    public GroupPermissionRequirement(string permission)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        Permission = permission;
    }

    /// <summary>The permission asked of <see cref="IUserGroupPermissions"/>.</summary>
    public string Permission { get; }
}

/// <summary>Evaluates <see cref="GroupPermissionRequirement"/>: elevated first, then the host's group permissions.</summary>
internal sealed class GroupPermissionHandler(
    ElevationManager elevation,
    IEnumerable<IUserGroupPermissions> permissions,
    ILogger<GroupPermissionHandler> logger)
    : AuthorizationHandler<GroupPermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, GroupPermissionRequirement requirement)
    {
        if (elevation.GetUserId(context.User) is not { } userId ||
            await elevation.GetStateAsync(context.User).ConfigureAwait(false) != ElevationState.Elevated)
        {
            return;
        }

        var provider = permissions.LastOrDefault();
        if (provider is null)
        {
            Log.NoGroupPermissions(logger, requirement.Permission);
            return;
        }

        if (await provider.HasPermissionAsync(userId, requirement.Permission).ConfigureAwait(false))
        {
            context.Succeed(requirement);
        }
    }
}
