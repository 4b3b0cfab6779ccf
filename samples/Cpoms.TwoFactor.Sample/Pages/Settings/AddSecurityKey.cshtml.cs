using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Elevation;
using Cpoms.TwoFactor.Sample.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cpoms.TwoFactor.Sample.Pages.Settings;

/// <summary>
/// "Security Key": a name and "Use Security Key". The browser script (<c>cpoms-webauthn.js</c>) runs the ceremony
/// against the SDK's endpoints and comes back with <c>?registered=true</c> for the confirmation.
/// </summary>
public sealed class AddSecurityKeyModel(ElevationManager elevation, DeviceManager devices) : PageModel
{
    /// <summary>Whether to show the confirmation (only when the user does have a security key).</summary>
    [BindProperty(SupportsGet = true, Name = "registered")]
    public bool Registered { get; set; }

    /// <summary>Whether this session may add a device now (elevated, or no devices yet).</summary>
    public bool CanEnroll { get; private set; }

    /// <summary>The error to show.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Shows the form, or the confirmation after the script registered a key.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        if (Registered)
        {
            var userId = elevation.GetUserId(User)!;
            Registered = (await devices.ListAsync(userId, cancellationToken)).Any(d => d.Kind == DeviceKind.SecurityKey);
        }

        await LoadAsync(cancellationToken);
    }

    /// <summary>The form was posted without the script (scripts off or no WebAuthn): explain what is needed.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Registered = false;
        await LoadAsync(cancellationToken);
        ErrorMessage ??= SecurityKeyMessages.Unsupported;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var allowed = await elevation.CanEnrollAsync(User, cancellationToken);
        CanEnroll = allowed.Succeeded;
        ErrorMessage = allowed.Succeeded ? null : allowed.Error.Message;
    }
}
