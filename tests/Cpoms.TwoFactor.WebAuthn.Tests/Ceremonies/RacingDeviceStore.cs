using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Core.Stores.InMemory;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Ceremonies;

/// <summary>
/// A device store in which, once <see cref="Race"/> is set, another node accepts an assertion of the same key just
/// before each counter update: the compare-and-swap then finds a counter it did not expect.
/// </summary>
internal sealed class RacingDeviceStore : IDeviceStore
{
    private readonly InMemoryDeviceStore _inner = new();

    public bool Race { get; set; }

    public Task<Device?> FindAsync(string deviceId, CancellationToken cancellationToken = default) => _inner.FindAsync(deviceId, cancellationToken);

    public Task<Device?> FindByCredentialIdAsync(ReadOnlyMemory<byte> credentialId, CancellationToken cancellationToken = default) =>
        _inner.FindByCredentialIdAsync(credentialId, cancellationToken);

    public Task<IReadOnlyList<Device>> ListAsync(string userId, CancellationToken cancellationToken = default) => _inner.ListAsync(userId, cancellationToken);

    public Task<bool> TryAddAsync(Device device, CancellationToken cancellationToken = default) => _inner.TryAddAsync(device, cancellationToken);

    public Task<bool> TryRemoveAsync(string userId, string deviceId, CancellationToken cancellationToken = default) =>
        _inner.TryRemoveAsync(userId, deviceId, cancellationToken);

    public Task<IReadOnlyList<Device>> RemoveAllAsync(string userId, IReadOnlyCollection<DeviceKind> keepKinds, CancellationToken cancellationToken = default) =>
        _inner.RemoveAllAsync(userId, keepKinds, cancellationToken);

    public Task<bool> TryAdvanceTimeStepAsync(string deviceId, long timeStep, int driftSteps, CancellationToken cancellationToken = default) =>
        _inner.TryAdvanceTimeStepAsync(deviceId, timeStep, driftSteps, cancellationToken);

    public async Task<bool> TryUpdateSecurityKeyStateAsync(
        string deviceId, uint expectedSignCount, uint newSignCount, bool backupEligible, bool backedUp, CancellationToken cancellationToken = default)
    {
        if (Race)
        {
            await _inner.TryUpdateSecurityKeyStateAsync(deviceId, expectedSignCount, newSignCount, backupEligible, backedUp, cancellationToken);
        }

        return await _inner.TryUpdateSecurityKeyStateAsync(deviceId, expectedSignCount, newSignCount, backupEligible, backedUp, cancellationToken);
    }

    public Task<bool> TryRecordUseAsync(string deviceId, DateTimeOffset usedAt, CancellationToken cancellationToken = default) =>
        _inner.TryRecordUseAsync(deviceId, usedAt, cancellationToken);
}
