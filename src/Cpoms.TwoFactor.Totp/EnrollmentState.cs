using System.Text.Json;
using Cpoms.TwoFactor.Core.Devices;

namespace Cpoms.TwoFactor.Totp;

/// <summary>
/// What a pending enrollment's <see cref="Core.Stores.OneTimeChallenge.State"/> carries: the protected secret
/// and the parameters needed to show the same QR code again and to check the first code.
/// </summary>
internal sealed record EnrollmentState(
    string ProtectedSecret, string Issuer, string AccountName, OtpAlgorithm Algorithm, int Digits, int PeriodSeconds)
{
    public string Serialize()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", 1);
            writer.WriteString("s", ProtectedSecret);
            writer.WriteString("i", Issuer);
            writer.WriteString("a", AccountName);
            writer.WriteNumber("alg", (int)Algorithm);
            writer.WriteNumber("d", Digits);
            writer.WriteNumber("p", PeriodSeconds);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a state written by <see cref="Serialize"/>; <see langword="null"/> for anything else.</summary>
    public static EnrollmentState? TryDeserialize(string? state)
    {
        if (string.IsNullOrEmpty(state))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(state);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.GetProperty("v").GetInt32() != 1)
            {
                return null;
            }

            var algorithm = (OtpAlgorithm)root.GetProperty("alg").GetInt32();
            var digits = root.GetProperty("d").GetInt32();
            var period = root.GetProperty("p").GetInt32();
            if (!Enum.IsDefined(algorithm) || digits is < 6 or > 8 || period < 1)
            {
                return null;
            }

            return new EnrollmentState(
                root.GetProperty("s").GetString() ?? "",
                root.GetProperty("i").GetString() ?? "",
                root.GetProperty("a").GetString() ?? "",
                algorithm,
                digits,
                period);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
