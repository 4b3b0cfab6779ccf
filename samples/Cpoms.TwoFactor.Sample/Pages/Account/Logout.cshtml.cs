using Cpoms.TwoFactor.Sample.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cpoms.TwoFactor.Sample.Pages.Account;

/// <summary>Signs out (POST only, with antiforgery) and returns to the login page.</summary>
public sealed class LogoutModel(ILogger<LogoutModel> logger) : PageModel
{
    /// <summary>Shows a confirm button (for a user who followed a link here).</summary>
    public void OnGet()
    {
    }

    /// <summary>Ends the session: the cookie, and with it any elevation.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } userId)
        {
            Log.SignedOut(logger, userId);
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/Account/Login");
    }
}
