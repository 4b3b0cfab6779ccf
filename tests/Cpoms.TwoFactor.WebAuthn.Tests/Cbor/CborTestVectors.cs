using System.Buffers.Text;
using System.Text.Json;
using Cpoms.TwoFactor.Testing;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Cbor;

/// <summary>Reads the public WebAuthn vectors in Vectors/*.json (binary fields are base64url without padding).</summary>
internal static class CborTestVectors
{
    private static readonly Lazy<IReadOnlyList<(string Name, JsonElement Root)>> All = new(Load);

    public static IReadOnlyList<(string Name, JsonElement Root)> Vectors => All.Value;

    public static byte[] FromBase64Url(string value) => Base64Url.DecodeFromChars(value);

    public static JsonElement Get(string name) => Vectors.Single(v => v.Name == name).Root;

    public static IEnumerable<string> Names(string prefix) => Vectors.Where(v => v.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(v => v.Name);

    public static byte[] AttestationObject(string name) =>
        FromBase64Url(Get(name).GetProperty("response").GetProperty("response").GetProperty("attestationObject").GetString()!);

    private static IReadOnlyList<(string Name, JsonElement Root)> Load()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "Cpoms.TwoFactor.WebAuthn.Tests", "Vectors");
        return Directory.GetFiles(folder, "*.json")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), JsonDocument.Parse(File.ReadAllBytes(f)).RootElement.Clone()))
            .ToList();
    }
}
