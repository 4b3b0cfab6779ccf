using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.EntityFrameworkCore.Entities;

namespace Cpoms.TwoFactor.EntityFrameworkCore.Mapping;

/// <summary>Converts between Core's <see cref="OneTimeChallenge"/> and <see cref="ChallengeEntity"/>.</summary>
internal static class ChallengeMapper
{
    public static ChallengeEntity ToEntity(OneTimeChallenge challenge) => new()
    {
        Id = challenge.Id,
        UserId = challenge.UserId,
        Purpose = challenge.Purpose,
        Value = challenge.Value.ToArray(),
        State = challenge.State,
        CreatedAt = Timestamps.ToStored(challenge.CreatedAt),
        ExpiresAt = Timestamps.ToStored(challenge.ExpiresAt),
    };

    public static OneTimeChallenge ToDomain(ChallengeEntity entity) => new()
    {
        Id = entity.Id,
        UserId = entity.UserId,
        Purpose = entity.Purpose,
        Value = entity.Value,
        State = entity.State,
        CreatedAt = entity.CreatedAt,
        ExpiresAt = entity.ExpiresAt,
    };
}
