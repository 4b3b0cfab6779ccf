using Cpoms.TwoFactor.Core.Devices;

namespace Cpoms.TwoFactor.Core.Stores.InMemory;

/// <summary>
/// A thread-safe, process-local <see cref="IDeviceStore"/> for development, tests and single-node hosts.
/// Every operation runs under one lock, so the one-time operations are atomic within the process.
/// </summary>
public sealed class InMemoryDeviceStore : IDeviceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Device> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _deviceIdByCredentialId = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<Device?> FindAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        lock (_gate)
        {
            return Task.FromResult(_devices.TryGetValue(deviceId, out var device) ? Snapshot(device) : null);
        }
    }

    /// <inheritdoc />
    public Task<Device?> FindByCredentialIdAsync(ReadOnlyMemory<byte> credentialId, CancellationToken cancellationToken = default)
    {
        var key = Convert.ToBase64String(credentialId.Span);
        lock (_gate)
        {
            return Task.FromResult(
                _deviceIdByCredentialId.TryGetValue(key, out var id) ? Snapshot(_devices[id]) : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Device>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        lock (_gate)
        {
            IReadOnlyList<Device> devices = _devices.Values
                .Where(d => string.Equals(d.UserId, userId, StringComparison.Ordinal))
                .OrderBy(d => d.RegisteredAt)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .Select(Snapshot)
                .ToArray();
            return Task.FromResult(devices);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryAddAsync(Device device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        var credentialKey = device.SecurityKey is { } key ? Convert.ToBase64String(key.CredentialId) : null;
        lock (_gate)
        {
            if (_devices.ContainsKey(device.Id) ||
                (credentialKey is not null && _deviceIdByCredentialId.ContainsKey(credentialKey)))
            {
                return Task.FromResult(false);
            }

            _devices.Add(device.Id, Snapshot(device));
            if (credentialKey is not null)
            {
                _deviceIdByCredentialId.Add(credentialKey, device.Id);
            }

            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryRemoveAsync(string userId, string deviceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_devices.TryGetValue(deviceId, out var device) ||
                !string.Equals(device.UserId, userId, StringComparison.Ordinal))
            {
                return Task.FromResult(false);
            }

            RemoveUnderLock(device);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Device>> RemoveAllAsync(
        string userId, IReadOnlyCollection<DeviceKind> keepKinds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keepKinds);
        lock (_gate)
        {
            var removed = _devices.Values
                .Where(d => string.Equals(d.UserId, userId, StringComparison.Ordinal) && !keepKinds.Contains(d.Kind))
                .OrderBy(d => d.RegisteredAt)
                .ToArray();
            foreach (var device in removed)
            {
                RemoveUnderLock(device);
            }

            return Task.FromResult<IReadOnlyList<Device>>(removed.Select(Snapshot).ToArray());
        }
    }

    /// <inheritdoc />
    public Task<bool> TryAdvanceTimeStepAsync(
        string deviceId, long timeStep, int driftSteps, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_devices.TryGetValue(deviceId, out var device) ||
                device.AuthenticatorApp is not { } app ||
                (app.LastAcceptedTimeStep is { } last && timeStep <= last))
            {
                return Task.FromResult(false);
            }

            _devices[deviceId] = device with
            {
                AuthenticatorApp = app with { LastAcceptedTimeStep = timeStep, DriftSteps = driftSteps },
            };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryUpdateSecurityKeyStateAsync(
        string deviceId,
        uint expectedSignCount,
        uint newSignCount,
        bool backupEligible,
        bool backedUp,
        CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_devices.TryGetValue(deviceId, out var device) ||
                device.SecurityKey is not { } key ||
                key.SignCount != expectedSignCount)
            {
                return Task.FromResult(false);
            }

            _devices[deviceId] = device with
            {
                SecurityKey = key with { SignCount = newSignCount, BackupEligible = backupEligible, BackedUp = backedUp },
            };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryRecordUseAsync(string deviceId, DateTimeOffset usedAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_devices.TryGetValue(deviceId, out var device))
            {
                return Task.FromResult(false);
            }

            _devices[deviceId] = device with { LastUsedAt = usedAt, VerifiedAt = device.VerifiedAt ?? usedAt };
            return Task.FromResult(true);
        }
    }

    // Device promises a new instance for every read; records copy references, so the byte arrays are
    // copied on the way in and out: a caller changing an array it holds cannot change the stored device.
    private static Device Snapshot(Device device) => device.SecurityKey is { } key
        ? device with
        {
            SecurityKey = key with
            {
                CredentialId = key.CredentialId.ToArray(),
                PublicKey = key.PublicKey.ToArray(),
                UserHandle = key.UserHandle.ToArray(),
                Transports = key.Transports.ToArray(),
            },
        }
        : device with { };

    private void RemoveUnderLock(Device device)
    {
        _devices.Remove(device.Id);
        if (device.SecurityKey is { } key)
        {
            _deviceIdByCredentialId.Remove(Convert.ToBase64String(key.CredentialId));
        }
    }
}
