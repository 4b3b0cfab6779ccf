using Cpoms.TwoFactor.Elevation;
using Microsoft.AspNetCore.Identity;

namespace Cpoms.TwoFactor.Sample.Users;

/// <summary>A user of the sample site.</summary>
/// <param name="Id">The stable id the SDK knows the user by.</param>
/// <param name="Email">The sign-in e-mail address.</param>
/// <param name="DisplayName">The name shown in the menu and admin pages.</param>
/// <param name="Group">The user group (see <see cref="UserGroups"/>).</param>
/// <param name="PasswordHash">The password hash from ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>.</param>
public sealed record DemoUser(string Id, string Email, string DisplayName, string Group, string PasswordHash);

/// <summary>
/// The sample's in-memory user store, seeded with the demo users listed in the README. Thread-safe;
/// everything is lost when the process stops.
/// </summary>
public sealed class DemoUserStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DemoUser> _users = new(StringComparer.Ordinal);
    private readonly PasswordHasher<DemoUser> _hasher = new();

    /// <summary>Creates the store with the demo users.</summary>
    public DemoUserStore()
    {
        Add("teacher", "teacher@sample.school", "Tess Teacher", UserGroups.Staff, "Teacher#2026");
        Add("dsl", "dsl@sample.school", "Dan Lead", UserGroups.SafeguardingLead, "Lead#2026");
        Add("admin", "admin@sample.school", "Ada Admin", UserGroups.AdminKeyHolder, "Admin#2026");
    }

    /// <summary>Adds a user (used for the seed users, and by tests for users of their own).</summary>
    public DemoUser Add(string id, string email, string displayName, string group, string password)
    {
        var user = new DemoUser(id, email, displayName, group, "");
        user = user with { PasswordHash = _hasher.HashPassword(user, password) };
        lock (_gate)
        {
            _users.Add(id, user);
        }

        return user;
    }

    /// <summary>All users, by display name.</summary>
    public IReadOnlyList<DemoUser> All()
    {
        lock (_gate)
        {
            return [.. _users.Values.OrderBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>The user with <paramref name="id"/>, or <see langword="null"/>.</summary>
    public DemoUser? FindById(string? id)
    {
        if (id is null)
        {
            return null;
        }

        lock (_gate)
        {
            return _users.GetValueOrDefault(id);
        }
    }

    /// <summary>
    /// The user with this e-mail address and password, or <see langword="null"/>. The hash is checked even
    /// for an unknown address, so timing does not reveal which addresses exist.
    /// </summary>
    public DemoUser? FindByCredentials(string? email, string? password)
    {
        DemoUser? user;
        DemoUser candidate;
        lock (_gate)
        {
            user = _users.Values.FirstOrDefault(u => string.Equals(u.Email, email?.Trim(), StringComparison.OrdinalIgnoreCase));
            candidate = user ?? _users.Values.First();
        }

        var verified = _hasher.VerifyHashedPassword(candidate, candidate.PasswordHash, password ?? "") != PasswordVerificationResult.Failed;
        return user is not null && verified ? user : null;
    }

    /// <summary>Moves a user to another group; <see langword="false"/> for an unknown user or group.</summary>
    public bool SetGroup(string id, string? group)
    {
        if (group is null || !UserGroups.All.Contains(group))
        {
            return false;
        }

        lock (_gate)
        {
            if (!_users.TryGetValue(id, out var user))
            {
                return false;
            }

            _users[id] = user with { Group = group };
            return true;
        }
    }
}

/// <summary>Answers the SDK's group-permission question from <see cref="DemoUserStore"/>.</summary>
internal sealed class DemoUserGroupPermissions(DemoUserStore users) : IUserGroupPermissions
{
    public ValueTask<bool> HasPermissionAsync(string userId, string permission, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(users.FindById(userId) is { } user && UserGroups.Grants(user.Group, permission));
}
