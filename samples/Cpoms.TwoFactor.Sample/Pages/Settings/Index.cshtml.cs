using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Elevation;
using Cpoms.TwoFactor.Sample.Users;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cpoms.TwoFactor.Sample.Pages.Settings;

/// <summary>Account Settings → Account: the user's details.</summary>
public sealed class IndexModel(ElevationManager elevation, DemoUserStore users, DeviceManager devices) : PageModel
{
    /// <summary>The user's name.</summary>
    public string DisplayName { get; private set; } = "";

    /// <summary>The user's e-mail address.</summary>
    public string Email { get; private set; } = "";

    /// <summary>The user's group.</summary>
    public string Group { get; private set; } = "";

    /// <summary>How many two-factor devices the user has.</summary>
    public int DeviceCount { get; private set; }

    /// <summary>Loads the details.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = elevation.GetUserId(User)!;
        var user = users.FindById(userId);
        DisplayName = user?.DisplayName ?? "";
        Email = user?.Email ?? "";
        Group = user?.Group ?? "";
        DeviceCount = (await devices.ListAsync(userId, cancellationToken)).Count;
    }
}
