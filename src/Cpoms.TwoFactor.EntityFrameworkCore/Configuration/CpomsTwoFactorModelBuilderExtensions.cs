using Cpoms.TwoFactor.EntityFrameworkCore.Configuration;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds the Cpoms.TwoFactor tables to a host's Entity Framework Core model.</summary>
public static class CpomsTwoFactorModelBuilderExtensions
{
    /// <summary>The table-name prefix used when none is given: the tables are <c>TwoFactorDevices</c>, <c>TwoFactorChallenges</c>, …</summary>
    public const string DefaultTablePrefix = "TwoFactor";

    /// <summary>
    /// Adds the five Cpoms.TwoFactor tables (devices, challenges, security events, attempt counters, two-factor
    /// stamps) to the model. Call it from the host's <c>OnModelCreating</c>, then wire the stores with
    /// <c>UseEntityFrameworkCore&lt;TContext&gt;()</c> on the two-factor builder. The entity types are internal
    /// to this package; the host never sees them, and manages the tables with its own migrations.
    /// </summary>
    /// <remarks>
    /// Credential ids are binary columns with a unique index, so they compare byte for byte whatever the
    /// database's text collation. Ids, user ids, purposes and throttling keys are text and must compare
    /// case-sensitively: PostgreSQL's default collations do; on a database whose default collation ignores
    /// case, give these columns a binary collation in the host's model or migration. Times are stored as
    /// UTC instants at the database's precision (microseconds on PostgreSQL).
    /// </remarks>
    /// <param name="modelBuilder">The host context's model builder.</param>
    /// <param name="schema">The schema for the tables; <see langword="null"/> (the default) uses the model's default schema.</param>
    /// <param name="tablePrefix">Put before each table name; <see cref="DefaultTablePrefix"/> unless given. May be empty.</param>
    /// <returns><paramref name="modelBuilder"/>, for chaining.</returns>
    public static ModelBuilder ApplyCpomsTwoFactorConfiguration(
        this ModelBuilder modelBuilder, string? schema = null, string tablePrefix = DefaultTablePrefix)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentNullException.ThrowIfNull(tablePrefix);
        if (schema is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        }

        var names = new TableNames(schema, tablePrefix);
        return modelBuilder
            .ApplyConfiguration(new DeviceEntityConfiguration(names))
            .ApplyConfiguration(new ChallengeEntityConfiguration(names))
            .ApplyConfiguration(new SecurityEventEntityConfiguration(names))
            .ApplyConfiguration(new AttemptCounterEntityConfiguration(names))
            .ApplyConfiguration(new TwoFactorStampEntityConfiguration(names));
    }
}
