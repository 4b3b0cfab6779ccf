namespace Cpoms.TwoFactor.EntityFrameworkCore.Configuration;

/// <summary>
/// Lengths of the bounded columns: only keys and indexed columns are bounded (some databases cannot index
/// unbounded text); everything else, including the security log's free text, is unbounded.
/// </summary>
internal static class ColumnLengths
{
    /// <summary>Device and challenge ids (the SDK's are 32 characters).</summary>
    public const int Id = 128;

    /// <summary>The host application's user ids.</summary>
    public const int UserId = 256;

    /// <summary>Device kinds and challenge purposes.</summary>
    public const int Name = 128;

    /// <summary>Device names (<see cref="Core.Devices.DeviceNames.MaxLength"/> is 64; hosts may add their own kinds).</summary>
    public const int DeviceName = 256;

    /// <summary>Throttling keys: a prefix plus a user or device id.</summary>
    public const int CounterKey = 320;

    /// <summary>WebAuthn §5.4.3: a credential id is at most 1023 bytes.</summary>
    public const int CredentialId = 1023;

    /// <summary>Two-factor stamps (the SDK's are 32 hex characters).</summary>
    public const int Stamp = 64;
}
