using Cpoms.TwoFactor.Totp;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Cpoms.TwoFactor.AspNetCore.TagHelpers;

/// <summary>
/// <c>&lt;cpoms-qr-code enrollment="@Model.Pending" /&gt;</c>: renders a pending enrollment's QR code as an
/// inline, accessible SVG (<c>role="img"</c> with a title) inside a <c>&lt;div class="cpoms-qr-code"&gt;</c>.
/// Register with <c>@addTagHelper *, Cpoms.TwoFactor.AspNetCore</c>. Renders nothing when
/// <see cref="Enrollment"/> is <see langword="null"/>. The SVG holds the shared secret: never cache the page.
/// </summary>
[HtmlTargetElement("cpoms-qr-code", TagStructure = TagStructure.WithoutEndTag)]
public sealed class QrCodeTagHelper : TagHelper
{
    /// <summary>The enrollment whose QR code is shown.</summary>
    public PendingEnrollment? Enrollment { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Enrollment is null)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        var existing = output.Attributes.TryGetAttribute("class", out var attribute) ? attribute.Value + " " : "";
        output.Attributes.SetAttribute("class", existing + "cpoms-qr-code");
        output.Content.SetHtmlContent(Enrollment.QrCodeSvg);
    }
}
