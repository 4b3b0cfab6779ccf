using Cpoms.TwoFactor.AspNetCore;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Elevation;
using Cpoms.TwoFactor.Sample.Infrastructure;
using Cpoms.TwoFactor.Totp;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cpoms.TwoFactor.Sample.Pages.Account;

/// <summary>
/// The "Two Factor Authentication" prompt: a code from an authenticator app, or "Use security key" (the browser
/// script and the SDK's WebAuthn endpoints), elevates the session.
/// </summary>
public sealed class TwoFactorModel(
    ElevationManager elevation,
    DeviceManager devices,
    AuthenticatorAppVerifier verifier,
    SessionElevator elevator) : PageModel
{
    /// <summary>The code typed.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Where to go after the prompt (local URLs only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The error to show.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Whether the session is already elevated.</summary>
    public bool AlreadyElevated { get; private set; }

    /// <summary>Whether the user has an authenticator app to type a code from.</summary>
    public bool HasAuthenticatorApp { get; private set; }

    /// <summary>Whether the user has a security key ("Use security key").</summary>
    public bool HasSecurityKey { get; private set; }

    /// <summary><see cref="ReturnUrl"/> when it is local, else the home page.</summary>
    public string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    /// <summary>Shows the prompt.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Checks the code; on success re-issues the cookie with the elevation claims.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var userId = elevation.GetUserId(User)!;
        var verified = await verifier.VerifyAsync(userId, Code, cancellationToken);
        Code = null;
        ModelState.Remove(nameof(Code));
        if (!verified.Succeeded)
        {
            ErrorMessage = verified.Error.Message;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var elevated = await elevator.ElevateAsync(HttpContext, verified.Value, cancellationToken);
        if (!elevated.Succeeded)
        {
            ErrorMessage = elevated.Error.Message;
            await LoadAsync(cancellationToken);
            return Page();
        }

        return LocalRedirect(SafeReturnUrl);
    }

    /// <summary>"Use security key" posted without the script (scripts off or no WebAuthn): explain what is needed.</summary>
    public async Task<IActionResult> OnPostSecurityKeyAsync(CancellationToken cancellationToken)
    {
        ErrorMessage = SecurityKeyMessages.Unsupported;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = elevation.GetUserId(User)!;
        AlreadyElevated = await elevation.GetStateAsync(User, null, cancellationToken) == ElevationState.Elevated;
        var all = await devices.ListAsync(userId, cancellationToken);
        HasAuthenticatorApp = all.Any(d => d.Kind == DeviceKind.AuthenticatorApp);
        HasSecurityKey = all.Any(d => d.Kind == DeviceKind.SecurityKey);
    }
}
