using System.Security.Claims;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Elevation;
using Cpoms.TwoFactor.Sample.Infrastructure;
using Cpoms.TwoFactor.Sample.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cpoms.TwoFactor.Sample.Pages.Account;

/// <summary>E-mail and password sign-in (basic access); users with devices continue to the two-factor prompt.</summary>
public sealed class LoginModel(DemoUserStore users, DeviceManager devices, ILogger<LoginModel> logger) : PageModel
{
    /// <summary>The e-mail address typed.</summary>
    [BindProperty]
    public string? Email { get; set; }

    /// <summary>The password typed (never shown again).</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Where to go after signing in (local URLs only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The error to show.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Checks the password, signs in with <c>amr=pwd</c> and sends users with devices to the prompt.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = users.FindByCredentials(Email, Password);
        Password = null;
        ModelState.Remove(nameof(Password));
        if (user is null)
        {
            Log.SignInRefused(logger);
            ErrorMessage = "The email address or password is incorrect.";
            return Page();
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id),
                new Claim(ClaimTypes.Name, user.DisplayName),
                new Claim(ClaimTypes.Email, user.Email),
                new Claim(CpomsTwoFactorClaimTypes.AuthenticationMethod, AmrValues.Password),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        Log.SignedIn(logger, user.Id);

        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
        var registered = await devices.ListAsync(user.Id, cancellationToken);
        return registered.Count > 0
            ? RedirectToPage("/Account/TwoFactor", new { returnUrl })
            : LocalRedirect(returnUrl);
    }
}
