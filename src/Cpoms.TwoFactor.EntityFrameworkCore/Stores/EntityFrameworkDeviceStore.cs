using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.EntityFrameworkCore.Entities;
using Cpoms.TwoFactor.EntityFrameworkCore.Mapping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IDeviceStore"/> over the host's <typeparamref name="TContext"/>. Each one-time change is one
/// conditional UPDATE or DELETE whose affected-row count says whether it took effect; nothing is read,
/// changed in memory and written back. Reads are untracked and re-check ids ordinally, so a
/// case-insensitive collation cannot hand back someone else's row.
/// </summary>
internal sealed class EntityFrameworkDeviceStore<TContext>(TContext context, ILogger<EntityFrameworkDeviceStore<TContext>> logger)
    : IDeviceStore
    where TContext : DbContext
{
    private readonly DbSet<DeviceEntity> _devices = StoreContext.Set<DeviceEntity>(context);

    public async Task<Device?> FindAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        var entity = await FindEntityAsync(deviceId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : DeviceMapper.ToDomain(entity);
    }

    public async Task<Device?> FindByCredentialIdAsync(ReadOnlyMemory<byte> credentialId, CancellationToken cancellationToken = default)
    {
        var bytes = credentialId.ToArray();
        var entity = await _devices.AsNoTracking()
            .Where(d => d.CredentialId == bytes)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return entity is not null && entity.CredentialId.AsSpan().SequenceEqual(bytes) ? DeviceMapper.ToDomain(entity) : null;
    }

    public async Task<IReadOnlyList<Device>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var entities = await ListEntitiesAsync(userId, cancellationToken).ConfigureAwait(false);
        return entities.Select(DeviceMapper.ToDomain).ToArray();
    }

    public async Task<bool> TryAddAsync(Device device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        var entity = DeviceMapper.ToEntity(device);

        // The unique key and index decide; this read only spares the usual duplicate a failed INSERT.
        if (await ConflictExistsAsync(entity, cancellationToken).ConfigureAwait(false) ||
            !await StoreContext.TryInsertAsync(context, entity, ct => ConflictExistsAsync(entity, ct), cancellationToken).ConfigureAwait(false))
        {
            Log.DeviceAlreadyStored(logger, device.Id);
            return false;
        }

        return true;
    }

    public async Task<bool> TryRemoveAsync(string userId, string deviceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(deviceId);
        var entity = await FindEntityAsync(deviceId, cancellationToken).ConfigureAwait(false);
        if (entity is null || !string.Equals(entity.UserId, userId, StringComparison.Ordinal))
        {
            return false;
        }

        // Whoever deletes the row wins; a concurrent removal makes this one affect no row.
        return await _devices
            .Where(d => d.Id == entity.Id && d.UserId == userId)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task<IReadOnlyList<Device>> RemoveAllAsync(
        string userId, IReadOnlyCollection<DeviceKind> keepKinds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(keepKinds);
        var keep = keepKinds.Select(k => k.Value).ToHashSet(StringComparer.Ordinal);

        // One transaction, so the reset is all or nothing. Each device is deleted by its own statement and is
        // returned only when that statement deleted it: a concurrent reset or removal that got there first
        // gets it instead. The order is fixed, so two concurrent resets lock rows in the same order.
        return StoreContext.InTransactionAsync<IReadOnlyList<Device>>(context, async ct =>
        {
            var removed = new List<Device>();
            foreach (var entity in await ListEntitiesAsync(userId, ct).ConfigureAwait(false))
            {
                if (keep.Contains(entity.Kind))
                {
                    continue;
                }

                var id = entity.Id;
                if (await _devices.Where(d => d.Id == id && d.UserId == userId).ExecuteDeleteAsync(ct).ConfigureAwait(false) == 1)
                {
                    removed.Add(DeviceMapper.ToDomain(entity));
                }
            }

            return removed;
        }, cancellationToken);
    }

    public async Task<bool> TryAdvanceTimeStepAsync(
        string deviceId, long timeStep, int driftSteps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceId);

        // UPDATE … WHERE Id = @id AND ProtectedSecret IS NOT NULL
        //   AND (LastAcceptedTimeStep IS NULL OR LastAcceptedTimeStep < @step)
        // Two nodes racing with one step: the second UPDATE waits for the first row lock, re-evaluates the
        // condition against the committed row and affects nothing.
        return await _devices
            .Where(d => d.Id == deviceId && d.ProtectedSecret != null &&
                        (d.LastAcceptedTimeStep == null || d.LastAcceptedTimeStep < timeStep))
            .ExecuteUpdateAsync(
                s => s.SetProperty(d => d.LastAcceptedTimeStep, timeStep).SetProperty(d => d.DriftSteps, driftSteps),
                cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> TryUpdateSecurityKeyStateAsync(
        string deviceId,
        uint expectedSignCount,
        uint newSignCount,
        bool backupEligible,
        bool backedUp,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        long expected = expectedSignCount;
        long next = newSignCount;

        // Compare-and-swap: UPDATE … WHERE Id = @id AND CredentialId IS NOT NULL AND SignCount = @expected.
        return await _devices
            .Where(d => d.Id == deviceId && d.CredentialId != null && d.SignCount == expected)
            .ExecuteUpdateAsync(
                s => s.SetProperty(d => d.SignCount, next)
                    .SetProperty(d => d.BackupEligible, backupEligible)
                    .SetProperty(d => d.BackedUp, backedUp),
                cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> TryRecordUseAsync(string deviceId, DateTimeOffset usedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        DateTimeOffset? at = Timestamps.ToStored(usedAt);

        // SET LastUsedAt = @at, VerifiedAt = COALESCE(VerifiedAt, @at): the first use sticks, in one statement.
        return await _devices
            .Where(d => d.Id == deviceId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(d => d.LastUsedAt, at).SetProperty(d => d.VerifiedAt, d => d.VerifiedAt ?? at),
                cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<DeviceEntity?> FindEntityAsync(string deviceId, CancellationToken cancellationToken)
    {
        var candidates = await _devices.AsNoTracking()
            .Where(d => d.Id == deviceId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return candidates.Find(d => string.Equals(d.Id, deviceId, StringComparison.Ordinal));
    }

    private async Task<List<DeviceEntity>> ListEntitiesAsync(string userId, CancellationToken cancellationToken)
    {
        var entities = await _devices.AsNoTracking()
            .Where(d => d.UserId == userId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // Filtered and sorted here, not by the database, so that neither its collation nor its text ordering
        // decides which devices are the user's or which of two registered at one instant comes first.
        return entities
            .Where(d => string.Equals(d.UserId, userId, StringComparison.Ordinal))
            .OrderBy(d => d.RegisteredAt)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
    }

    private Task<bool> ConflictExistsAsync(DeviceEntity entity, CancellationToken cancellationToken)
    {
        var id = entity.Id;
        var credentialId = entity.CredentialId;
        return credentialId is null
            ? _devices.AnyAsync(d => d.Id == id, cancellationToken)
            : _devices.AnyAsync(d => d.Id == id || d.CredentialId == credentialId, cancellationToken);
    }
}
