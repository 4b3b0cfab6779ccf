using System.Net;
using QRCoder;

namespace Cpoms.TwoFactor.Totp.Qr;

/// <summary>
/// Renders key URIs as QR codes with QRCoder, at error-correction level M (15 % of the symbol may be damaged),
/// with the quiet zone that scanners need.
/// </summary>
internal static class QrCodeRenderer
{
    /// <summary>
    /// An inline SVG sized by its <c>viewBox</c> (so CSS decides its size), marked <c>role="img"</c> with
    /// <paramref name="label"/> as its accessible name (<c>aria-label</c> and <c>&lt;title&gt;</c>).
    /// </summary>
    public static string RenderSvg(string text, string label)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(
            1, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);

        var encodedLabel = WebUtility.HtmlEncode(label);
        var open = svg.IndexOf("<svg", StringComparison.Ordinal);
        var end = svg.IndexOf('>', open);
        return new System.Text.StringBuilder(svg.Length + 200)
            .Append(svg, open, 4)
            .Append(" role=\"img\" aria-label=\"").Append(encodedLabel).Append('"')
            .Append(svg, open + 4, end - open - 4 + 1)
            .Append("<title>").Append(encodedLabel).Append("</title>")
            .Append(svg, end + 1, svg.Length - end - 1)
            .ToString();
    }

    /// <summary>A PNG with <paramref name="pixelsPerModule"/> pixels per module.</summary>
    public static byte[] RenderPng(string text, int pixelsPerModule)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }
}
