namespace Cpoms.TwoFactor.Sample.Users;

/// <summary>The sample's user groups and the permissions each grants (applied only to elevated sessions).</summary>
public static class UserGroups
{
    /// <summary>Ordinary staff: no group permissions.</summary>
    public const string Staff = "Staff";

    /// <summary>Designated safeguarding lead: may view safeguarding records.</summary>
    public const string SafeguardingLead = "Designated Safeguarding Lead";

    /// <summary>Admin key holder: safeguarding records and user administration.</summary>
    public const string AdminKeyHolder = "Admin Key Holder";

    /// <summary>Every group, in the order the Permissions drop-down lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Staff, SafeguardingLead, AdminKeyHolder];

    /// <summary>Whether <paramref name="group"/> grants <paramref name="permission"/>.</summary>
    public static bool Grants(string group, string permission) => (group, permission) switch
    {
        (SafeguardingLead, Permissions.ViewSafeguarding) => true,
        (AdminKeyHolder, Permissions.ViewSafeguarding) => true,
        (AdminKeyHolder, Permissions.ManageUsers) => true,
        _ => false,
    };
}

/// <summary>The sample's permission names.</summary>
public static class Permissions
{
    /// <summary>Open the safeguarding records.</summary>
    public const string ViewSafeguarding = "safeguarding.view";

    /// <summary>Open Admin → Users: change user groups and remove users' 2FA devices.</summary>
    public const string ManageUsers = "users.manage";
}
