namespace Cpoms.TwoFactor.Core.Stores;

/// <summary>
/// Keeps each user's two-factor stamp: a value that changes whenever the user's devices change. Elevated
/// sessions carry the stamp they were elevated with; a stale stamp drops the elevation.
/// </summary>
public interface ITwoFactorStampStore
{
    /// <summary>The user's current stamp, created on first use.</summary>
    Task<string> GetStampAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the user's stamp with a new random value and returns it.</summary>
    Task<string> RotateStampAsync(string userId, CancellationToken cancellationToken = default);
}
