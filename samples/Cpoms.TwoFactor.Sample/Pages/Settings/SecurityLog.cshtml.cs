using System.Text;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Elevation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cpoms.TwoFactor.Sample.Pages.Settings;

/// <summary>Account Settings → Security log: the user's latest security events.</summary>
public sealed class SecurityLogModel(ElevationManager elevation, ISecurityLog securityLog, DeviceManager devices) : PageModel
{
    /// <summary>How many events are shown.</summary>
    public int Limit => 100;

    /// <summary>The events, newest first.</summary>
    public IReadOnlyList<SecurityEvent> Events { get; private set; } = [];

    private Dictionary<string, string> DeviceNames { get; set; } = [];

    /// <summary>Loads the events and the names of the user's current devices.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = elevation.GetUserId(User)!;
        Events = await securityLog.ListAsync(userId, Limit, cancellationToken);
        DeviceNames = (await devices.ListAsync(userId, cancellationToken)).ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
    }

    /// <summary>The device's current name, "Removed device" for one that is gone, or a dash.</summary>
    public string DeviceName(string? deviceId) =>
        deviceId is null ? "-" : DeviceNames.GetValueOrDefault(deviceId, "Removed device");

    /// <summary>"DeviceAdded" → "Device added".</summary>
    public static string Describe(SecurityEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var name = entry.Type.Name;
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c))
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
