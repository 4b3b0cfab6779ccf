using System.Xml.Linq;
using Cpoms.TwoFactor.Testing;
using Cpoms.TwoFactor.Totp.Qr;
using Cpoms.TwoFactor.Totp.Tests.Externals;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.Totp.Tests.Qr;

public sealed class QrCodeTests
{
    private const string Uri =
        "otpauth://totp/ACME%20Co:john.doe%40email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30";

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task RenderPng_DecodedByZbarimg_GivesTheUriBack()
    {
        var zbarimg = Testing.Externals.RequireProgram("zbarimg", "zbar-tools");
        var file = Path.Combine(Path.GetTempPath(), $"cpoms-qr-{Guid.NewGuid():N}.png");
        try
        {
            await File.WriteAllBytesAsync(file, QrCodeRenderer.RenderPng(Uri, 4), TestContext.Current.CancellationToken);

            var decoded = await ExternalProgram.RunAsync(zbarimg, ["--quiet", "--raw", file], TestContext.Current.CancellationToken);

            Assert.Equal(Uri, decoded);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task GetQrCodePngAsync_PendingEnrollment_DecodesToItsKeyUri()
    {
        var zbarimg = Testing.Externals.RequireProgram("zbarimg", "zbar-tools");
        await using var host = new TotpTestHost();
        var pending = await host.BeginAsync(account: "Zoë O'Brien: Head of Year");
        var png = await host.InScopeAsync(s => s.GetRequiredService<AuthenticatorAppEnrollment>()
            .GetQrCodePngAsync("user-1", pending.Id, cancellationToken: TestContext.Current.CancellationToken));
        var file = Path.Combine(Path.GetTempPath(), $"cpoms-qr-{Guid.NewGuid():N}.png");
        try
        {
            await File.WriteAllBytesAsync(file, png!, TestContext.Current.CancellationToken);

            var decoded = await ExternalProgram.RunAsync(zbarimg, ["--quiet", "--raw", file], TestContext.Current.CancellationToken);

            Assert.Equal(pending.KeyUri, decoded);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void RenderSvg_IsAnAccessibleImage()
    {
        var root = XElement.Parse(QrCodeRenderer.RenderSvg(Uri, "QR code to scan"));

        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.Equal("QR code to scan", (string?)root.Attribute("aria-label"));
        Assert.Equal("QR code to scan", root.Element(Svg + "title")?.Value);
    }

    [Fact]
    public void RenderSvg_SizedByViewBoxOnly()
    {
        var root = XElement.Parse(QrCodeRenderer.RenderSvg(Uri, "QR"));

        Assert.NotNull(root.Attribute("viewBox"));
        Assert.Null(root.Attribute("width"));
        Assert.Null(root.Attribute("height"));
    }

    [Fact]
    public void RenderSvg_LabelIsEscaped()
    {
        var root = XElement.Parse(QrCodeRenderer.RenderSvg(Uri, "<b>\"QR\" & co</b>"));

        Assert.Equal("<b>\"QR\" & co</b>", (string?)root.Attribute("aria-label"));
    }
}
