namespace Cpoms.TwoFactor.Elevation;

/// <summary>Names of the authorization policies that <c>AddElevation()</c> registers.</summary>
public static class CpomsTwoFactorPolicies
{
    /// <summary>
    /// A signed-in session that passed a second factor, whose user's devices have not changed since.
    /// Use it for areas restricted to two-factor users.
    /// </summary>
    public const string Elevated = "Cpoms.TwoFactor.Elevated";

    /// <summary>
    /// Like <see cref="Elevated"/>, and the elevation is at most <see cref="ElevationOptions.RecentElevationMaxAge"/>
    /// old. Use it for sensitive actions such as an admin resetting another user's devices.
    /// </summary>
    public const string RecentlyElevated = "Cpoms.TwoFactor.RecentlyElevated";
}
