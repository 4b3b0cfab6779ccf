using System.Globalization;

namespace Cpoms.TwoFactor.Sample.Infrastructure;

/// <summary>
/// Formats times as the staff guides show them ("09 March, 2024", "09 March, 2024 09:36") in the school's
/// time zone (configuration <c>Sample:TimeZone</c>, default Europe/London; UTC when the zone is unknown).
/// </summary>
public sealed class DateDisplay
{
    private readonly TimeZoneInfo _zone;

    /// <summary>Reads the time zone from configuration.</summary>
    public DateDisplay(IConfiguration configuration)
    {
        var id = configuration["Sample:TimeZone"] ?? "Europe/London";
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>"09 March, 2024".</summary>
    public string Date(DateTimeOffset time) => Local(time).ToString("dd MMMM, yyyy", CultureInfo.InvariantCulture);

    /// <summary>"09 March, 2024 09:36".</summary>
    public string DateTime(DateTimeOffset time) => Local(time).ToString("dd MMMM, yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"09 March, 2024 09:36", or "N/A" when there is no time (a device never used).</summary>
    public string DateTimeOrNotApplicable(DateTimeOffset? time) => time is { } value ? DateTime(value) : "N/A";

    private DateTimeOffset Local(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, _zone);
}
