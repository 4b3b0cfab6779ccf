namespace Cpoms.TwoFactor.Sample.Infrastructure;

/// <summary>The sample's authorization policies (registered in Program.cs).</summary>
public static class SamplePolicies
{
    /// <summary>Safeguarding records: the group permission, which applies only to an elevated session.</summary>
    public const string Safeguarding = "Sample.Safeguarding";

    /// <summary>Admin → Users: the admin permission and an elevation within the last 15 minutes.</summary>
    public const string Admin = "Sample.Admin";
}
