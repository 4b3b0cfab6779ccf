namespace Cpoms.TwoFactor.AspNetCore.RateLimiting;

/// <summary>The rate limiter policy that <c>UseAspNetCore()</c> registers for two-factor endpoints and pages.</summary>
public static class CpomsTwoFactorRateLimiting
{
    /// <summary>
    /// The policy name. The SDK's endpoints use it; put it on the host's two-factor pages too
    /// (<c>[EnableRateLimiting(CpomsTwoFactorRateLimiting.PolicyName)]</c> or <c>RequireRateLimiting</c>). The host
    /// must call <c>app.UseRateLimiter()</c> after <c>UseRouting()</c>/<c>UseAuthentication()</c>.
    /// </summary>
    public const string PolicyName = "Cpoms.TwoFactor";
}
