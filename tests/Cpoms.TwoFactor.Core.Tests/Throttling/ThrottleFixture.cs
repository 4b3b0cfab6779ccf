using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Core.Stores.InMemory;
using Cpoms.TwoFactor.Core.Throttling;
using Cpoms.TwoFactor.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Core.Tests.Throttling;

/// <summary>A hand-written security log that keeps what it was given.</summary>
internal sealed class RecordingSecurityLog : ISecurityLog
{
    private readonly Lock _gate = new();
    private readonly List<(string UserId, SecurityEventType Type, string? DeviceId, string? Detail)> _entries = [];

    public IReadOnlyList<(string UserId, SecurityEventType Type, string? DeviceId, string? Detail)> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    public Task WriteAsync(
        string userId, SecurityEventType type, SecurityEventOutcome outcome, string? deviceId = null, string? detail = null,
        string? actorId = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _entries.Add((userId, type, deviceId, detail));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SecurityEvent>> ListAsync(string userId, int count, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The throttle never reads the log.");
}

/// <summary>A fixed <see cref="IOptionsMonitor{T}"/>.</summary>
internal sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}

/// <summary>The throttle over the in-memory stores, with a manual clock and the default options.</summary>
internal sealed class ThrottleFixture
{
    public ManualTimeProvider Clock { get; } = new();

    public TwoFactorOptions Options { get; } = new() { ApplicationName = "Contoso" };

    public InMemoryAttemptCounterStore Counters { get; } = new();

    public InMemoryDeviceStore Devices { get; } = new();

    public RecordingSecurityLog SecurityLog { get; } = new();

    /// <summary>A new throttle, as one request scope would get.</summary>
    public IAttemptThrottle Create() => new AttemptThrottle(
        Counters, Devices, SecurityLog, new FixedOptionsMonitor<TwoFactorOptions>(Options), Clock, NullLogger<AttemptThrottle>.Instance);

    /// <summary>Records <paramref name="count"/> failures, one request each, <paramref name="spacing"/> apart.</summary>
    public async Task FailAsync(int count, string userId = "user-1", string? deviceId = null, TimeSpan? spacing = null)
    {
        for (var i = 0; i < count; i++)
        {
            await Create().RecordFailureAsync(userId, deviceId);
            Clock.Advance(spacing ?? TimeSpan.Zero);
        }
    }

    public async Task<Device> AddDeviceAsync(string userId, DeviceKind kind)
    {
        var device = new Device
        {
            Id = DeviceIds.Create(),
            UserId = userId,
            Kind = kind,
            Name = "Key",
            RegisteredAt = Clock.GetUtcNow(),
        };
        await Devices.TryAddAsync(device);
        return device;
    }

    public Task<AttemptCounter> CounterAsync(string key) => Counters.GetAsync(key);
}
