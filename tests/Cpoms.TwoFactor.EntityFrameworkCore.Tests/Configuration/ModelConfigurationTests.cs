using Cpoms.TwoFactor.EntityFrameworkCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Tests.Configuration;

// The model as a host gets it from ApplyCpomsTwoFactorConfiguration(), read from the design-time model and
// from the DDL the Npgsql provider generates. Building a model needs no server.
public sealed class ModelConfigurationTests
{
    private static TestDbContext Context(TestSchema schema) =>
        new(TestDbContext.Options(PostgresDatabase.DefaultConnectionString), schema);

    private static IModel DesignTimeModel(TestSchema schema)
    {
        using var context = Context(schema);
        return context.GetService<IDesignTimeModel>().Model;
    }

    private static string CreateScript(TestSchema schema)
    {
        using var context = Context(schema);
        return context.Database.GenerateCreateScript();
    }

    [Theory]
    [InlineData(typeof(DeviceEntity), "TwoFactorDevices")]
    [InlineData(typeof(ChallengeEntity), "TwoFactorChallenges")]
    [InlineData(typeof(SecurityEventEntity), "TwoFactorSecurityEvents")]
    [InlineData(typeof(AttemptCounterEntity), "TwoFactorAttemptCounters")]
    [InlineData(typeof(TwoFactorStampEntity), "TwoFactorStamps")]
    public void ApplyCpomsTwoFactorConfiguration_Defaults_UsesPrefixedTablesInTheDefaultSchema(Type entityType, string table)
    {
        var entity = DesignTimeModel(new TestSchema(null)).FindEntityType(entityType)!;

        Assert.Equal(table, entity.GetTableName());
        Assert.Null(entity.GetSchema());
    }

    [Fact]
    public void ApplyCpomsTwoFactorConfiguration_SchemaAndPrefix_PlacesEveryTable()
    {
        var script = CreateScript(new TestSchema("auth", "Cpoms_"));

        foreach (var table in new[] { "Devices", "Challenges", "SecurityEvents", "AttemptCounters", "Stamps" })
        {
            Assert.Contains($"CREATE TABLE auth.\"Cpoms_{table}\"", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ApplyCpomsTwoFactorConfiguration_EmptyPrefix_UsesBareTableNames()
    {
        var entity = DesignTimeModel(new TestSchema(null, "")).FindEntityType(typeof(DeviceEntity))!;

        Assert.Equal("Devices", entity.GetTableName());
    }

    [Fact]
    public void ApplyCpomsTwoFactorConfiguration_Devices_StoreCredentialIdsAsBinaryWithAUniqueIndex()
    {
        var script = CreateScript(new TestSchema(null));

        Assert.Contains("\"CredentialId\" bytea", script, StringComparison.Ordinal);
        Assert.Contains(
            "CREATE UNIQUE INDEX \"IX_TwoFactorDevices_CredentialId\" ON \"TwoFactorDevices\" (\"CredentialId\");",
            script,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyCpomsTwoFactorConfiguration_SecurityEvents_IndexTheNewestFirstQuery()
    {
        var script = CreateScript(new TestSchema(null));

        Assert.Contains(
            "ON \"TwoFactorSecurityEvents\" (\"UserId\", \"OccurredAt\" DESC, \"Id\" DESC);", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"SignCount\" bigint")]
    [InlineData("\"Transports\" text")]
    [InlineData("\"RegisteredAt\" timestamp with time zone NOT NULL")]
    [InlineData("\"Id\" character varying(128) NOT NULL")]
    [InlineData("\"UserId\" character varying(256) NOT NULL")]
    [InlineData("\"ProtectedSecret\" text")]
    [InlineData("\"LastAcceptedTimeStep\" bigint")]
    public void ApplyCpomsTwoFactorConfiguration_Devices_HaveTheDocumentedColumnTypes(string column)
    {
        Assert.Contains(column, CreateScript(new TestSchema(null)), StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyCpomsTwoFactorConfiguration_Challenges_IndexTheExpiryForPurging()
    {
        Assert.Contains(
            "ON \"TwoFactorChallenges\" (\"ExpiresAt\");", CreateScript(new TestSchema(null)), StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyCpomsTwoFactorConfiguration_HostEntities_StayInTheModel()
    {
        Assert.NotNull(DesignTimeModel(new TestSchema(null)).FindEntityType(typeof(HostNote)));
    }

    [Fact]
    public void ApplyCpomsTwoFactorConfiguration_NullPrefix_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new ModelBuilder().ApplyCpomsTwoFactorConfiguration(tablePrefix: null!));
    }

    [Fact]
    public void ApplyCpomsTwoFactorConfiguration_BlankSchema_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ModelBuilder().ApplyCpomsTwoFactorConfiguration(schema: " "));
    }
}
