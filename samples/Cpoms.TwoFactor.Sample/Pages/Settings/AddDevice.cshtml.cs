using Cpoms.TwoFactor.Elevation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cpoms.TwoFactor.Sample.Pages.Settings;

/// <summary>"Add new device": the choice of method (authenticator app or security key).</summary>
public sealed class AddDeviceModel(ElevationManager elevation) : PageModel
{
    /// <summary>Whether this session may add a device now (elevated, or no devices yet).</summary>
    public bool CanEnroll { get; private set; }

    /// <summary>Why the session may not add a device, if it may not.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Shows the choice, or why a device cannot be added now.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var allowed = await elevation.CanEnrollAsync(User, cancellationToken);
        CanEnroll = allowed.Succeeded;
        ErrorMessage = allowed.Succeeded ? null : allowed.Error.Message;
    }
}
