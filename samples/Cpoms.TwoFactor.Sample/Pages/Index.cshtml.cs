using Cpoms.TwoFactor.Elevation;
using Cpoms.TwoFactor.Sample.Users;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cpoms.TwoFactor.Sample.Pages;

/// <summary>The home page: who is signed in and whether the session is elevated.</summary>
public sealed class IndexModel(ElevationManager elevation, DemoUserStore users) : PageModel
{
    /// <summary>The user's name.</summary>
    public string DisplayName { get; private set; } = "";

    /// <summary>The user's group.</summary>
    public string Group { get; private set; } = "";

    /// <summary>When the session was elevated; <see langword="null"/> when it is not elevated.</summary>
    public DateTimeOffset? ElevatedAt { get; private set; }

    /// <summary>Loads the user and the session's elevation.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var user = users.FindById(elevation.GetUserId(User));
        DisplayName = user?.DisplayName ?? "";
        Group = user?.Group ?? "";
        ElevatedAt = await elevation.GetStateAsync(User, null, cancellationToken) == ElevationState.Elevated
            ? ElevationManager.GetElevatedAt(User)
            : null;
    }
}
