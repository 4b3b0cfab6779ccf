using System.Text.Json;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Attestation;

/// <summary>Reads the conformance vectors in Vectors/ (see Vectors/README.md for the schema).</summary>
internal static class VectorFiles
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Vectors");

    public static JsonElement Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, name + ".json")));
        return document.RootElement.Clone();
    }

    public static IEnumerable<string> RegistrationNames() =>
        System.IO.Directory.EnumerateFiles(Directory, "reg-*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;
}
