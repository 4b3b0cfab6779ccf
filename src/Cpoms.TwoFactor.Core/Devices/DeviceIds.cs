namespace Cpoms.TwoFactor.Core.Devices;

/// <summary>Creates device identifiers.</summary>
public static class DeviceIds
{
    /// <summary>
    /// A new device id: a version 7 GUID in "N" format, so ids sort by creation time and reveal nothing
    /// about the user.
    /// </summary>
    public static string Create() => Guid.CreateVersion7().ToString("N");
}
