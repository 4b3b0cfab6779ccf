using BenchmarkDotNet.Attributes;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.EntityFrameworkCore.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpoms.TwoFactor.Benchmarks;

/// <summary>
/// The EF Core stores on a real PostgreSQL server (connection string from <c>CPOMS_POSTGRES</c>, default the
/// local test database), in a schema of their own that is dropped afterwards. The baseline is one bare
/// <c>SELECT 1</c> round trip through the same context: the one-time operations should cost about one
/// round trip each, the attempt-counter increment about four (BEGIN, UPDATE, SELECT, COMMIT).
/// </summary>
[MemoryDiagnoser]
public class EntityFrameworkStoreBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly string _schema = "cpoms_bench_" + Guid.NewGuid().ToString("N")[..12];
    private BenchmarkDbContext _context = null!;
    private EntityFrameworkDeviceStore<BenchmarkDbContext> _devices = null!;
    private EntityFrameworkChallengeStore<BenchmarkDbContext> _challenges = null!;
    private EntityFrameworkAttemptCounterStore<BenchmarkDbContext> _counters = null!;
    private EntityFrameworkSecurityEventStore<BenchmarkDbContext> _events = null!;
    private string _appId = "";
    private string _keyId = "";
    private byte[] _credentialId = [];
    private long _step;
    private uint _signCount;

    [GlobalSetup]
    public void Setup()
    {
        var connectionString = Environment.GetEnvironmentVariable("CPOMS_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=cpoms;Password=cpoms;Database=cpoms_tests";
        _context = new BenchmarkDbContext(
            new DbContextOptionsBuilder<BenchmarkDbContext>()
                .UseNpgsql(connectionString)
                .ReplaceService<IModelCacheKeyFactory, BenchmarkDbContext.SchemaKeyFactory>()
                .Options,
            _schema);
        RunDdl($"CREATE SCHEMA \"{_schema}\"");
        _context.GetService<IRelationalDatabaseCreator>().CreateTables();

        _devices = new(_context, NullLogger<EntityFrameworkDeviceStore<BenchmarkDbContext>>.Instance);
        _challenges = new(_context);
        _counters = new(_context, NullLogger<EntityFrameworkAttemptCounterStore<BenchmarkDbContext>>.Instance);
        _events = new(_context);

        var app = new Device
        {
            Id = DeviceIds.Create(), UserId = "user-1", Kind = DeviceKind.AuthenticatorApp, Name = "Phone", RegisteredAt = Start,
            AuthenticatorApp = new AuthenticatorAppData { ProtectedSecret = "protected" },
        };
        _credentialId = Guid.NewGuid().ToByteArray();
        var key = new Device
        {
            Id = DeviceIds.Create(), UserId = "user-1", Kind = DeviceKind.SecurityKey, Name = "Key", RegisteredAt = Start,
            SecurityKey = new SecurityKeyData { CredentialId = _credentialId, PublicKey = new byte[77], Algorithm = -7, UserHandle = new byte[16] },
        };
        _devices.TryAddAsync(app).GetAwaiter().GetResult();
        _devices.TryAddAsync(key).GetAwaiter().GetResult();
        _appId = app.Id;
        _keyId = key.Id;
        _counters.IncrementAsync("user:user-1", Start).GetAwaiter().GetResult();

        // 10 users with 1000 log entries each; the benchmark reads one user's newest 20.
        for (var user = 0; user < 10; user++)
        {
            for (var i = 0; i < 1000; i++)
            {
                var at = Start.AddMinutes(i);
                _context.Add(Cpoms.TwoFactor.EntityFrameworkCore.Mapping.SecurityEventMapper.ToEntity(new SecurityEvent
                {
                    Id = Guid.CreateVersion7(at), UserId = $"user-{user}", Type = SecurityEventTypes.FactorSucceeded,
                    Outcome = SecurityEventOutcome.Success, OccurredAt = at, IpAddress = "192.0.2.1",
                }));
            }
        }

        _context.SaveChanges();
        _context.ChangeTracker.Clear();
        RunDdl($"ANALYZE \"{_schema}\".\"TwoFactorSecurityEvents\"");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        RunDdl($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");
        _context.Dispose();
    }

    // Only for statements built from the generated schema name, never from input.
    private void RunDdl(string sql) => _context.Database.ExecuteSqlRaw(sql);

    [Benchmark(Baseline = true, Description = "Baseline: bare SELECT 1 round trip")]
    public Task<int> RoundTrip() => _context.Database.ExecuteSqlRawAsync("SELECT 1");

    [Benchmark(Description = "TryAdvanceTimeStepAsync, accepted")]
    public Task<bool> AdvanceTimeStep() => _devices.TryAdvanceTimeStepAsync(_appId, ++_step, 0);

    [Benchmark(Description = "TryAdvanceTimeStepAsync, replay refused")]
    public Task<bool> AdvanceTimeStepReplay() => _devices.TryAdvanceTimeStepAsync(_appId, 0, 0);

    [Benchmark(Description = "TryUpdateSecurityKeyStateAsync (compare-and-swap)")]
    public Task<bool> SwapSignCount()
    {
        var expected = _signCount++;
        return _devices.TryUpdateSecurityKeyStateAsync(_keyId, expected, expected + 1, false, false);
    }

    [Benchmark(Description = "FindByCredentialIdAsync")]
    public Task<Device?> FindByCredentialId() => _devices.FindByCredentialIdAsync(_credentialId);

    [Benchmark(Description = "Challenge AddAsync + TryConsumeAsync")]
    public async Task<OneTimeChallenge?> AddAndConsumeChallenge()
    {
        var challenge = new OneTimeChallenge
        {
            Id = Guid.NewGuid().ToString("N"), UserId = "user-1", Purpose = "webauthn.authenticate", Value = new byte[32],
            CreatedAt = Start, ExpiresAt = Start.AddMinutes(5),
        };
        await _challenges.AddAsync(challenge);
        return await _challenges.TryConsumeAsync(challenge.Id, "user-1", challenge.Purpose, Start);
    }

    [Benchmark(Description = "Attempt counter IncrementAsync (existing key)")]
    public Task<AttemptCounter> IncrementCounter() => _counters.IncrementAsync("user:user-1", Start);

    [Benchmark(Description = "Security log ListAsync, newest 20 of 1000")]
    public Task<IReadOnlyList<SecurityEvent>> ListNewestEvents() => _events.ListAsync("user-3", 20);
}

/// <summary>The benchmarks' context: only the SDK's tables, in the benchmark's own schema.</summary>
public sealed class BenchmarkDbContext(DbContextOptions<BenchmarkDbContext> options, string schema) : DbContext(options)
{
    public string Schema { get; } = schema;

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyCpomsTwoFactorConfiguration(Schema);

    internal sealed class SchemaKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            (context.GetType(), (context as BenchmarkDbContext)?.Schema, designTime);
    }
}
