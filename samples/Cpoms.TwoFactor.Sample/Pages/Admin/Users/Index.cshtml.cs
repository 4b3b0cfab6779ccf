using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Sample.Users;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cpoms.TwoFactor.Sample.Pages.Admin.Users;

/// <summary>Admin → Users: every user with their group and device count (admin permission + recent elevation).</summary>
public sealed class IndexModel(DemoUserStore users, DeviceManager devices) : PageModel
{
    /// <summary>The rows.</summary>
    public IReadOnlyList<(DemoUser User, int DeviceCount)> Rows { get; private set; } = [];

    /// <summary>Loads the users.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = new List<(DemoUser, int)>();
        foreach (var user in users.All())
        {
            rows.Add((user, (await devices.ListAsync(user.Id, cancellationToken)).Count));
        }

        Rows = rows;
    }
}
