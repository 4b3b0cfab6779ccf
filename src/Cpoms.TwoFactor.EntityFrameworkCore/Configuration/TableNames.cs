namespace Cpoms.TwoFactor.EntityFrameworkCore.Configuration;

/// <summary>Where the SDK's tables go: an optional schema and a prefix before each table name.</summary>
internal sealed record TableNames(string? Schema, string Prefix)
{
    public string Devices => Prefix + "Devices";

    public string Challenges => Prefix + "Challenges";

    public string SecurityEvents => Prefix + "SecurityEvents";

    public string AttemptCounters => Prefix + "AttemptCounters";

    public string Stamps => Prefix + "Stamps";
}
