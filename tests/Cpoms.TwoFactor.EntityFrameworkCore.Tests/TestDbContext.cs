using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Tests;

/// <summary>Where a test context puts the SDK's tables: each fixture has its own schema.</summary>
public sealed record TestSchema(string? Name, string TablePrefix = CpomsTwoFactorModelBuilderExtensions.DefaultTablePrefix);

/// <summary>A host application's context: one entity of its own, plus the SDK's tables.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options, TestSchema schema) : DbContext(options)
{
    public TestSchema Schema { get; } = schema;

    public DbSet<HostNote> Notes => Set<HostNote>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<HostNote>().ToTable("HostNotes", Schema.Name);
        modelBuilder.ApplyCpomsTwoFactorConfiguration(Schema.Name, Schema.TablePrefix);
    }

    /// <summary>Options for <see cref="TestDbContext"/> on <paramref name="connectionString"/>, one cached model per schema.</summary>
    public static DbContextOptions<TestDbContext> Options(string connectionString) =>
        Configure(new DbContextOptionsBuilder<TestDbContext>(), connectionString).Options;

    /// <summary>Applies the test settings to <paramref name="builder"/>.</summary>
    public static DbContextOptionsBuilder<TestDbContext> Configure(DbContextOptionsBuilder<TestDbContext> builder, string connectionString) =>
        builder
            .UseNpgsql(connectionString)
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
