using Cpoms.TwoFactor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Tests;

/// <summary>
/// A class fixture owning a fresh schema in the test database on a real PostgreSQL server: created with the
/// SDK's tables before the class's first test, dropped with everything in it after the last. Test classes run
/// in parallel, each in its own schema. When the server cannot be reached, <see cref="Require"/> skips the
/// test (or fails it under CPOMS_REQUIRE_EXTERNALS=1).
/// </summary>
public class PostgresDatabase : IAsyncLifetime
{
    /// <summary>The environment variable holding the connection string.</summary>
    public const string ConnectionStringVariable = "CPOMS_POSTGRES";

    /// <summary>The connection string used when <see cref="ConnectionStringVariable"/> is not set.</summary>
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=cpoms;Password=cpoms;Database=cpoms_tests";

    private readonly List<TestDbContext> _contexts = [];
    private readonly Lock _gate = new();
    private string? _unavailable;

    /// <summary>Creates a fixture whose tables use the database's default collation.</summary>
    public PostgresDatabase()
        : this(caseInsensitiveText: false)
    {
    }

    /// <summary>Creates a fixture; see <see cref="TestSchema.CaseInsensitiveText"/>.</summary>
    protected PostgresDatabase(bool caseInsensitiveText)
    {
        Schema = new TestSchema("cpoms_test_" + Guid.NewGuid().ToString("N")[..16], CaseInsensitiveText: caseInsensitiveText);
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value ? value : DefaultConnectionString;
        ConnectionString = caseInsensitiveText
            ? new NpgsqlConnectionStringBuilder(configured) { SearchPath = Schema.Name + ",public" }.ConnectionString
            : configured;
    }

    /// <summary>The connection string in use.</summary>
    public string ConnectionString { get; }

    /// <summary>This fixture's schema: unique, so nothing is shared with other classes or earlier runs.</summary>
    public TestSchema Schema { get; }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        try
        {
            await using var context = new TestDbContext(TestDbContext.Options(ConnectionString), Schema);
            await context.Database.ExecuteSqlRawAsync($"CREATE SCHEMA \"{Schema.Name}\"");
            await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            _unavailable =
                $"PostgreSQL not reachable at {builder.Host}:{builder.Port} (database {builder.Database}, user {builder.Username}): " +
                $"{exception.GetType().Name}: {exception.Message}. apt-get install postgresql and create role cpoms with " +
                "password cpoms owning database cpoms_tests (see docs/entity-framework-core.md, \"Running the tests\"), or set " +
                ConnectionStringVariable + ".";
        }
    }

    /// <summary>Skips the calling test (or fails it when externals are required) if the server could not be reached.</summary>
    public void Require() => Externals.Require(_unavailable is null, _unavailable ?? "");

    /// <summary>
    /// A new context on this fixture's schema, with its own connection: each one stands for a separate
    /// application node. Disposed with the fixture, or earlier by <see cref="DisposeContextsAsync"/>.
    /// </summary>
    /// <param name="retryOnFailure">Uses Npgsql's retrying execution strategy.</param>
    public TestDbContext CreateContext(bool retryOnFailure = false)
    {
        var context = new TestDbContext(TestDbContext.Options(ConnectionString, retryOnFailure), Schema);
        lock (_gate)
        {
            _contexts.Add(context);
        }

        return context;
    }

    /// <summary>Deletes every row of the SDK's tables in this schema.</summary>
    public async Task ClearAsync()
    {
        await using var context = new TestDbContext(TestDbContext.Options(ConnectionString), Schema);
        foreach (var table in new[] { "Devices", "Challenges", "SecurityEvents", "AttemptCounters", "Stamps" })
        {
            await context.Database.ExecuteSqlRawAsync(
                $"DELETE FROM \"{Schema.Name}\".\"{Schema.TablePrefix}{table}\"", TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Disposes the contexts created so far.</summary>
    public async Task DisposeContextsAsync()
    {
        TestDbContext[] contexts;
        lock (_gate)
        {
            contexts = [.. _contexts];
            _contexts.Clear();
        }

        foreach (var context in contexts)
        {
            await context.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeContextsAsync();
        if (_unavailable is not null)
        {
            return;
        }

        await using var context = new TestDbContext(TestDbContext.Options(ConnectionString), Schema);
        await context.Database.ExecuteSqlRawAsync($"DROP SCHEMA IF EXISTS \"{Schema.Name}\" CASCADE");
    }
}

/// <summary>A <see cref="PostgresDatabase"/> whose SDK text columns compare case-insensitively.</summary>
public sealed class CaseInsensitivePostgresDatabase() : PostgresDatabase(caseInsensitiveText: true);
