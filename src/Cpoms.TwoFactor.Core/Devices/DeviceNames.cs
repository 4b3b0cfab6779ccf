using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.Core.Devices;

/// <summary>Validation and normalisation of the names users give their devices.</summary>
public static class DeviceNames
{
    /// <summary>The longest name accepted, in UTF-16 code units after trimming.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// Trims <paramref name="name"/>, collapses control characters to spaces and checks its length.
    /// </summary>
    /// <returns>The normalised name, or <see cref="TwoFactorErrors.DeviceNameRequired"/> /
    /// <see cref="TwoFactorErrors.DeviceNameTooLong"/>.</returns>
    public static TwoFactorResult<string> Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return TwoFactorErrors.DeviceNameRequired;
        }

        var cleaned = string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        }).Trim();

        if (cleaned.Length == 0)
        {
            return TwoFactorErrors.DeviceNameRequired;
        }

        return cleaned.Length > MaxLength
            ? TwoFactorErrors.DeviceNameTooLong
            : TwoFactorResult.Success(cleaned);
    }
}
