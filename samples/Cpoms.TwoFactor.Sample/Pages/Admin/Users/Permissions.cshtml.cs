using Cpoms.TwoFactor.Elevation;
using Cpoms.TwoFactor.Sample.Infrastructure;
using Cpoms.TwoFactor.Sample.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cpoms.TwoFactor.Sample.Pages.Admin.Users;

/// <summary>Admin → Users → user → Permissions: the user-group drop-down and "Save details".</summary>
public sealed class PermissionsModel(DemoUserStore users, ElevationManager elevation, ILogger<PermissionsModel> logger) : PageModel
{
    /// <summary>The id of the user being edited.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    /// <summary>The group chosen.</summary>
    [BindProperty]
    public string? Group { get; set; }

    /// <summary>The user being edited.</summary>
    public DemoUser? Subject { get; private set; }

    /// <summary>The success message.</summary>
    public string? StatusMessage { get; private set; }

    /// <summary>The error to show.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Shows the form.</summary>
    public IActionResult OnGet()
    {
        Subject = users.FindById(Id);
        if (Subject is null)
        {
            return NotFound();
        }

        Group = Subject.Group;
        return Page();
    }

    /// <summary>Moves the user to the chosen group; an unknown group changes nothing.</summary>
    public IActionResult OnPost()
    {
        Subject = users.FindById(Id);
        if (Subject is null)
        {
            return NotFound();
        }

        if (!users.SetGroup(Subject.Id, Group))
        {
            ErrorMessage = "Choose one of the listed user groups. Nothing was changed.";
            Group = Subject.Group;
            return Page();
        }

        Log.GroupChanged(logger, elevation.GetUserId(User)!, Subject.Id, Group!);
        Subject = users.FindById(Subject.Id);
        StatusMessage = "Details saved.";
        return Page();
    }
}
