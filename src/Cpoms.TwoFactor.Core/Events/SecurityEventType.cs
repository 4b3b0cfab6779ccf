namespace Cpoms.TwoFactor.Core.Events;

/// <summary>
/// A kind of security-log entry. <see cref="Id"/> is stable and grouped by category
/// (1xxx devices, 2xxx factors, 3xxx push, 4xxx administration, 5xxx throttling, 6xxx sessions);
/// see <see cref="SecurityEventTypes"/> for the catalogue.
/// </summary>
/// <param name="Id">The stable numeric id stored with each event.</param>
/// <param name="Name">The stable name, for logs and exports.</param>
public readonly record struct SecurityEventType(int Id, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>Whether the recorded action succeeded.</summary>
public enum SecurityEventOutcome
{
    /// <summary>The action succeeded.</summary>
    Success = 0,

    /// <summary>The action failed or was refused.</summary>
    Failure = 1,
}
