using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Elevation;
using Cpoms.TwoFactor.Sample.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cpoms.TwoFactor.Sample.Pages.Admin.Users;

/// <summary>
/// Admin → Users → user → Security Keys: the notice, the confirmation checkbox, the user's devices and
/// "Remove this user's 2FA devices" (an admin reset through <see cref="DeviceManager.ResetAsync"/>).
/// </summary>
public sealed class SecurityKeysModel(DemoUserStore users, DeviceManager devices, ElevationManager elevation) : PageModel
{
    /// <summary>The message when the notice was not confirmed.</summary>
    public const string ConfirmRequiredMessage = "Tick \"I confirm that I have read and understand this notice\" to remove the devices. Nothing was changed.";

    /// <summary>The id of the user whose devices are shown.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    /// <summary>The confirmation checkbox.</summary>
    [BindProperty]
    public bool Confirm { get; set; }

    /// <summary>The user whose devices are shown.</summary>
    public DemoUser? Subject { get; private set; }

    /// <summary>The user's devices.</summary>
    public IReadOnlyList<Device> Devices { get; private set; } = [];

    /// <summary>The success message.</summary>
    public string? StatusMessage { get; private set; }

    /// <summary>The error to show.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>"TOTP" for an authenticator app, "Security key" for a USB key, else the kind's name.</summary>
    public static string TypeName(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.Kind == DeviceKind.AuthenticatorApp)
        {
            return "TOTP";
        }

        return device.Kind == DeviceKind.SecurityKey ? "Security key" : device.Kind.Value;
    }

    /// <summary>Shows the notice and the devices.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Subject = users.FindById(Id);
        if (Subject is null)
        {
            return NotFound();
        }

        Devices = await devices.ListAsync(Subject.Id, cancellationToken);
        return Page();
    }

    /// <summary>Removes the user's devices once the notice is confirmed; without the tick nothing changes.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Subject = users.FindById(Id);
        if (Subject is null)
        {
            return NotFound();
        }

        if (!Confirm)
        {
            ErrorMessage = ConfirmRequiredMessage;
        }
        else
        {
            var removed = await devices.ResetAsync(Subject.Id, elevation.GetUserId(User)!, cancellationToken);
            StatusMessage = removed.Count == 0
                ? $"{Subject.DisplayName} has no two-factor authentication devices to remove."
                : $"Removed {removed.Count} two-factor authentication device(s) from {Subject.DisplayName}. They can register new devices when they next log in.";
            Confirm = false;
        }

        Devices = await devices.ListAsync(Subject.Id, cancellationToken);
        return Page();
    }
}
