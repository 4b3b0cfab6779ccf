using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cpoms.TwoFactor.Sample.Pages.Safeguarding;

/// <summary>
/// The elevated-only area: policy <see cref="Infrastructure.SamplePolicies.Safeguarding"/> (a group permission,
/// granted only to an elevated session). Shows fixed demo rows.
/// </summary>
public sealed class IndexModel : PageModel
{
    /// <summary>Shows the records.</summary>
    public void OnGet()
    {
    }
}
