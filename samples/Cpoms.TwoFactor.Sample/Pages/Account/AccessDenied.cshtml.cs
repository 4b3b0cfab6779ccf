using Cpoms.TwoFactor.Elevation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Sample.Pages.Account;

/// <summary>Explains a denied page: not elevated, elevation too old, or no permission in the user's group.</summary>
public sealed class AccessDeniedModel(ElevationManager elevation, IOptions<ElevationOptions> options) : PageModel
{
    /// <summary>The page that was denied.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why access was denied.</summary>
    public string Reason { get; private set; } = "";

    /// <summary>Whether elevating (again) could help.</summary>
    public bool CanElevate { get; private set; }

    /// <summary><see cref="ReturnUrl"/> when it is local, else the home page.</summary>
    public string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    /// <summary>Works out the reason.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var state = await elevation.GetStateAsync(User, null, cancellationToken);
        if (state != ElevationState.Elevated)
        {
            Reason = "This area is restricted to two-factor users. Elevate your access with your authenticator app to open it.";
            CanElevate = true;
            return;
        }

        var recent = options.Value.RecentElevationMaxAge;
        if (ReturnUrl?.StartsWith("/Admin", StringComparison.OrdinalIgnoreCase) == true &&
            await elevation.GetStateAsync(User, recent, cancellationToken) == ElevationState.Expired)
        {
            Reason = $"Admin actions need an elevation in the last {recent.TotalMinutes:0} minutes. Elevate your access again to continue.";
            CanElevate = true;
            return;
        }

        Reason = "Your user group does not have permission to open this page.";
    }
}
