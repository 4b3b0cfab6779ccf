using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Tests;

/// <summary>Where a test context puts the SDK's tables: each fixture has its own schema.</summary>
/// <param name="Name">The schema; <see langword="null"/> for the default one.</param>
/// <param name="TablePrefix">The table prefix passed to <c>ApplyCpomsTwoFactorConfiguration</c>.</param>
/// <param name="CaseInsensitiveText">
/// Gives every text column of the SDK's tables a case-insensitive collation, as a host on such a database
/// might: the stores must still tell "abc" from "ABC" in what they return. The schema must be on the
/// connection's search path, where the collation is created.
/// </param>
public sealed record TestSchema(
    string? Name,
    string TablePrefix = CpomsTwoFactorModelBuilderExtensions.DefaultTablePrefix,
    bool CaseInsensitiveText = false)
{
    /// <summary>The case-insensitive ICU collation used when <see cref="CaseInsensitiveText"/> is set.</summary>
    public const string CaseInsensitiveCollation = "cpoms_case_insensitive";
}

/// <summary>A host application's context: one entity of its own, plus the SDK's tables.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options, TestSchema schema) : DbContext(options)
{
    public TestSchema Schema { get; } = schema;

    public DbSet<HostNote> Notes => Set<HostNote>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<HostNote>().ToTable("HostNotes", Schema.Name);
        modelBuilder.ApplyCpomsTwoFactorConfiguration(Schema.Name, Schema.TablePrefix);
        if (Schema.CaseInsensitiveText)
        {
            modelBuilder.HasCollation(
                Schema.Name, TestSchema.CaseInsensitiveCollation, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
            var sdkText = modelBuilder.Model.GetEntityTypes()
                .Where(e => e.ClrType.Namespace == typeof(Entities.DeviceEntity).Namespace)
                .SelectMany(e => e.GetProperties())
                .Where(p => p.ClrType == typeof(string));
            foreach (var property in sdkText)
            {
                property.SetCollation(TestSchema.CaseInsensitiveCollation);
            }
        }
    }

    /// <summary>Options for <see cref="TestDbContext"/> on <paramref name="connectionString"/>, one cached model per schema.</summary>
    /// <param name="connectionString">The server and database.</param>
    /// <param name="retryOnFailure">Uses Npgsql's retrying execution strategy, as hosts on cloud databases often do.</param>
    public static DbContextOptions<TestDbContext> Options(string connectionString, bool retryOnFailure = false)
    {
        var builder = new DbContextOptionsBuilder<TestDbContext>();
        Configure(builder, connectionString, retryOnFailure);
        return builder.Options;
    }

    /// <summary>Applies the test settings to <paramref name="builder"/>.</summary>
    public static void Configure(DbContextOptionsBuilder builder, string connectionString, bool retryOnFailure = false) =>
        builder
            .UseNpgsql(connectionString, npgsql =>
            {
                if (retryOnFailure)
                {
                    npgsql.EnableRetryOnFailure();
                }
            })
            .ReplaceService<IModelCacheKeyFactory, SchemaModelCacheKeyFactory>();

    private sealed class SchemaModelCacheKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            context is TestDbContext test ? (test.GetType(), test.Schema, designTime) : (context.GetType(), designTime);
    }
}

/// <summary>A row of the host's own.</summary>
public sealed class HostNote
{
    public int Id { get; set; }

    public string Text { get; set; } = "";
}

/// <summary>A host context that forgot <c>ApplyCpomsTwoFactorConfiguration()</c>.</summary>
public sealed class UnconfiguredDbContext(DbContextOptions<UnconfiguredDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<HostNote>();
}
