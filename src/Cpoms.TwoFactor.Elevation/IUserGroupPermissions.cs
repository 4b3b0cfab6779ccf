namespace Cpoms.TwoFactor.Elevation;

/// <summary>
/// Implemented by the host: answers whether a user's group grants a permission. The SDK asks only for
/// elevated sessions (<see cref="Authorization.GroupPermissionRequirement"/>), so a session signed in with a
/// password alone never gets group permissions, whatever this returns.
/// </summary>
public interface IUserGroupPermissions
{
    /// <summary>
    /// <see langword="true"/> when <paramref name="userId"/>'s user group currently grants
    /// <paramref name="permission"/>. Called on each authorization check, so group changes apply at once.
    /// </summary>
    ValueTask<bool> HasPermissionAsync(string userId, string permission, CancellationToken cancellationToken = default);
}
