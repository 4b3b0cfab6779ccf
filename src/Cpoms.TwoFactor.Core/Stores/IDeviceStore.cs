using Cpoms.TwoFactor.Core.Devices;

namespace Cpoms.TwoFactor.Core.Stores;

/// <summary>
/// Stores enrolled devices. Every method that changes one-time state is a single atomic operation that
/// returns whether it took effect; callers never read, modify and write back.
/// </summary>
public interface IDeviceStore
{
    /// <summary>Finds a device by id, or <see langword="null"/>.</summary>
    Task<Device?> FindAsync(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>Finds the security key whose credential ID equals <paramref name="credentialId"/> byte for byte.</summary>
    Task<Device?> FindByCredentialIdAsync(ReadOnlyMemory<byte> credentialId, CancellationToken cancellationToken = default);

    /// <summary>All devices of a user, oldest first.</summary>
    Task<IReadOnlyList<Device>> ListAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a device. Returns <see langword="false"/> and changes nothing when a device with the same id,
    /// or a security key with the same credential ID, already exists.
    /// </summary>
    Task<bool> TryAddAsync(Device device, CancellationToken cancellationToken = default);

    /// <summary>Removes one of <paramref name="userId"/>'s devices; <see langword="false"/> when it is not there.</summary>
    Task<bool> TryRemoveAsync(string userId, string deviceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes all of a user's devices except those whose kind is in <paramref name="keepKinds"/>, in one
    /// step, and returns the removed devices.
    /// </summary>
    Task<IReadOnlyList<Device>> RemoveAllAsync(
        string userId, IReadOnlyCollection<DeviceKind> keepKinds, CancellationToken cancellationToken = default);

    /// <summary>
    /// The TOTP replay guard: records <paramref name="timeStep"/> as the authenticator app's last accepted
    /// step and <paramref name="driftSteps"/> as its learned drift, only if <paramref name="timeStep"/> is
    /// strictly greater than the step accepted before (or none was). Atomic on every node.
    /// </summary>
    /// <returns><see langword="true"/> if this call advanced the step; <see langword="false"/> for a replay,
    /// a device that is gone, or one that is not an authenticator app.</returns>
    Task<bool> TryAdvanceTimeStepAsync(
        string deviceId, long timeStep, int driftSteps, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates a security key's signature counter and backup state, only if its counter is still
    /// <paramref name="expectedSignCount"/> (compare-and-swap). Atomic on every node.
    /// </summary>
    Task<bool> TryUpdateSecurityKeyStateAsync(
        string deviceId,
        uint expectedSignCount,
        uint newSignCount,
        bool backupEligible,
        bool backedUp,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a successful sign-in with the device: sets <see cref="Device.LastUsedAt"/> and, on first
    /// use, <see cref="Device.VerifiedAt"/>. <see langword="false"/> when the device is gone.
    /// </summary>
    Task<bool> TryRecordUseAsync(string deviceId, DateTimeOffset usedAt, CancellationToken cancellationToken = default);
}
