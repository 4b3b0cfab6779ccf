using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Cpoms.TwoFactor.AspNetCore.Http;

/// <summary>
/// Reads a small JSON object request body with a hard size limit, for the SDK's endpoints. Anything that is not a
/// JSON object within the limit (wrong content type, too long, not JSON, too deep) reads as <see langword="null"/>,
/// which the endpoints answer with <see cref="AspNetCoreErrors.InvalidRequest"/> (400), never a 500.
/// </summary>
internal static class JsonRequestBody
{
    /// <summary>
    /// Reads the body as a JSON object of at most <paramref name="maxBytes"/> bytes and <paramref name="maxDepth"/>
    /// levels. The caller disposes the document.
    /// </summary>
    public static async Task<JsonDocument?> ReadObjectAsync(HttpRequest request, int maxBytes, int maxDepth, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType() || request.ContentLength is { } length && length > maxBytes)
        {
            return null;
        }

        using var body = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > maxBytes)
            {
                return null;
            }

            body.Write(buffer, 0, read);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length), new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException)
        {
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return null;
        }

        return document;
    }

    /// <summary>The string member <paramref name="name"/> of <paramref name="root"/>, or <see langword="null"/> when missing or not a string.</summary>
    public static string? GetString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
