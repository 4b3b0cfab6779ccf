namespace Cpoms.TwoFactor.Core.Events;

/// <summary>The catalogue of security-log event types. Ids are never reused.</summary>
public static class SecurityEventTypes
{
    /// <summary>1001: a device was enrolled.</summary>
    public static SecurityEventType DeviceAdded { get; } = new(1001, "DeviceAdded");

    /// <summary>1002: a device was removed by its owner.</summary>
    public static SecurityEventType DeviceRemoved { get; } = new(1002, "DeviceRemoved");

    /// <summary>1003: an enrollment attempt failed (wrong code, bad attestation, duplicate key).</summary>
    public static SecurityEventType EnrollmentFailed { get; } = new(1003, "EnrollmentFailed");

    /// <summary>2001: a second factor was passed.</summary>
    public static SecurityEventType FactorSucceeded { get; } = new(2001, "FactorSucceeded");

    /// <summary>2002: a second factor was failed (wrong code, bad signature).</summary>
    public static SecurityEventType FactorFailed { get; } = new(2002, "FactorFailed");

    /// <summary>2003: a one-time code was submitted again after it had been accepted.</summary>
    public static SecurityEventType CodeReplayed { get; } = new(2003, "CodeReplayed");

    /// <summary>2004: a code matched far outside the window: the device clock is wrong.</summary>
    public static SecurityEventType ClockDriftDetected { get; } = new(2004, "ClockDriftDetected");

    /// <summary>2005: a security key's signature counter went backwards: it may have been cloned.</summary>
    public static SecurityEventType PossibleClonedKey { get; } = new(2005, "PossibleClonedKey");

    /// <summary>2006: a security key's backup state (BE/BS flags) changed.</summary>
    public static SecurityEventType BackupStateChanged { get; } = new(2006, "BackupStateChanged");

    /// <summary>3001: a push login request was approved on the device.</summary>
    public static SecurityEventType PushApproved { get; } = new(3001, "PushApproved");

    /// <summary>3002: a push login request was denied on the device.</summary>
    public static SecurityEventType PushDenied { get; } = new(3002, "PushDenied");

    /// <summary>3003: a push login request expired unanswered.</summary>
    public static SecurityEventType PushExpired { get; } = new(3003, "PushExpired");

    /// <summary>4001: an admin removed all of the user's devices (recorded for the user).</summary>
    public static SecurityEventType DevicesReset { get; } = new(4001, "DevicesReset");

    /// <summary>4002: this admin removed another user's devices (recorded for the admin).</summary>
    public static SecurityEventType ResetPerformed { get; } = new(4002, "ResetPerformed");

    /// <summary>5001: too many failures: two-factor sign-in is locked for a while.</summary>
    public static SecurityEventType LockedOut { get; } = new(5001, "LockedOut");

    /// <summary>6001: the session was elevated by a second factor.</summary>
    public static SecurityEventType SessionElevated { get; } = new(6001, "SessionElevated");

    /// <summary>6002: an elevated session lost its elevation because the user's devices changed.</summary>
    public static SecurityEventType ElevationRevoked { get; } = new(6002, "ElevationRevoked");

    /// <summary>Every type in the catalogue.</summary>
    public static IReadOnlyList<SecurityEventType> All { get; } =
    [
        DeviceAdded, DeviceRemoved, EnrollmentFailed,
        FactorSucceeded, FactorFailed, CodeReplayed, ClockDriftDetected, PossibleClonedKey, BackupStateChanged,
        PushApproved, PushDenied, PushExpired,
        DevicesReset, ResetPerformed,
        LockedOut,
        SessionElevated, ElevationRevoked,
    ];

    /// <summary>Finds a type by id; unknown ids (from a newer version) keep their id with the name "Unknown".</summary>
    public static SecurityEventType FromId(int id)
    {
        foreach (var type in All)
        {
            if (type.Id == id)
            {
                return type;
            }
        }

        return new SecurityEventType(id, "Unknown");
    }
}
