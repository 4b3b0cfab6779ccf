using Cpoms.TwoFactor.AspNetCore;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Results;
using Cpoms.TwoFactor.Elevation;
using Cpoms.TwoFactor.Sample.Users;
using Cpoms.TwoFactor.Totp;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cpoms.TwoFactor.Sample.Pages.Settings;

/// <summary>
/// Account Settings → Security keys (also "Manage Devices"): the user's devices, and enrollment of an
/// authenticator app (QR code, then a name and the current code, then "Save this device").
/// </summary>
public sealed class SecurityKeysModel(
    ElevationManager elevation,
    DeviceManager devices,
    AuthenticatorAppEnrollment enrollment,
    SessionElevator elevator,
    DemoUserStore users) : PageModel
{
    /// <summary>The message after a successful enrollment.</summary>
    public const string AddedMessage = "Successfully added new two-factor authentication method.";

    /// <summary>The pending enrollment being shown (from the query string, or re-shown after an error).</summary>
    [BindProperty(SupportsGet = true, Name = "enrollment")]
    public string? EnrollmentId { get; set; }

    /// <summary>The device name typed.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The code typed.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>The success message, carried over the redirect.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>The error to show.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>The enrollment whose QR code is shown, if any.</summary>
    public PendingEnrollment? Pending { get; private set; }

    /// <summary>Whether this session may add a device now.</summary>
    public bool CanEnroll { get; private set; }

    /// <summary>The user's authenticator apps.</summary>
    public IReadOnlyList<Device> AuthenticatorApps { get; private set; } = [];

    /// <summary>The user's security keys.</summary>
    public IReadOnlyList<Device> SecurityKeys { get; private set; } = [];

    private string UserId => elevation.GetUserId(User)!;

    /// <summary>Shows the devices and, with <c>?enrollment=</c>, the pending QR code.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NoStore();
        if (!string.IsNullOrEmpty(EnrollmentId))
        {
            Pending = await enrollment.FindAsync(UserId, EnrollmentId, cancellationToken);
            if (Pending is null)
            {
                ErrorMessage = TwoFactorErrors.ChallengeExpired.Message;
            }
        }

        await LoadAsync(cancellationToken);
    }

    /// <summary>"Add new device": starts an enrollment when the session may enroll, then shows its QR code.</summary>
    public async Task<IActionResult> OnPostBeginAsync(CancellationToken cancellationToken)
    {
        var allowed = await elevation.CanEnrollAsync(User, cancellationToken);
        if (!allowed.Succeeded)
        {
            ErrorMessage = allowed.Error.Message;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var accountName = users.FindById(UserId)?.Email ?? UserId;
        var pending = await enrollment.BeginAsync(UserId, accountName, cancellationToken);
        return RedirectToPage(new { enrollment = pending.Id });
    }

    /// <summary>"Save this device": checks the name and code and saves the device; on error re-shows the same QR code.</summary>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        NoStore();
        var allowed = await elevation.CanEnrollAsync(User, cancellationToken);
        if (!allowed.Succeeded)
        {
            ErrorMessage = allowed.Error.Message;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var wasElevated = await elevation.GetStateAsync(User, null, cancellationToken) == ElevationState.Elevated;
        var result = await enrollment.CompleteAsync(UserId, EnrollmentId ?? "", Name, Code, cancellationToken);
        Code = null;
        ModelState.Remove(nameof(Code));
        if (!result.Succeeded)
        {
            ErrorMessage = result.Error.Message;
            Pending = await enrollment.FindAsync(UserId, EnrollmentId ?? "", cancellationToken);
            await LoadAsync(cancellationToken);
            return Page();
        }

        // Adding a device changes the two-factor stamp; an elevated session that made the change stays elevated.
        await elevator.RenewStampAsync(HttpContext, wasElevated, cancellationToken);
        StatusMessage = AddedMessage;
        return RedirectToPage(new { enrollment = (string?)null });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await devices.ListAsync(UserId, cancellationToken);
        AuthenticatorApps = [.. all.Where(d => d.Kind == DeviceKind.AuthenticatorApp)];
        SecurityKeys = [.. all.Where(d => d.Kind == DeviceKind.SecurityKey)];
        CanEnroll = (await elevation.CanEnrollAsync(User, cancellationToken)).Succeeded;
    }

    private void NoStore() => Response.Headers.CacheControl = "no-store";
}
