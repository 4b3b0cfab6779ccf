namespace Cpoms.TwoFactor.EntityFrameworkCore.Mapping;

/// <summary>Times go to the database as UTC: some providers (Npgsql) refuse offsets other than zero.</summary>
internal static class Timestamps
{
    public static DateTimeOffset ToStored(DateTimeOffset value) => value.ToUniversalTime();

    public static DateTimeOffset? ToStored(DateTimeOffset? value) => value?.ToUniversalTime();
}
