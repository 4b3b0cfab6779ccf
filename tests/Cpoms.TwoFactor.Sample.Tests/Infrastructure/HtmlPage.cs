using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Cpoms.TwoFactor.Sample.Tests.Infrastructure;

/// <summary>A page the test browser received: status, final address and the parsed document.</summary>
public sealed class HtmlPage
{
    private HtmlPage(HttpStatusCode status, Uri url, IDocument document)
    {
        Status = status;
        Url = url;
        Document = document;
    }

    public HttpStatusCode Status { get; }

    public Uri Url { get; }

    public IDocument Document { get; }

    public string Path => Url.AbsolutePath;

    public string? Heading => Document.QuerySelector("main h1")?.TextContent.Trim();

    public string? ErrorMessage => Document.QuerySelector("#error-message")?.TextContent.Trim();

    public string? StatusMessage => Document.QuerySelector("#status-message")?.TextContent.Trim();

    public string MainText => Document.QuerySelector("main")?.TextContent ?? "";

    public IHtmlFormElement Form(string selector) =>
        Document.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No form '{selector}' on {Url}.");

    public static async Task<HtmlPage> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var url = response.RequestMessage!.RequestUri!;
        var context = BrowsingContext.New(Configuration.Default);
        var document = await context.OpenAsync(r => r.Content(html).Address(url));
        return new HtmlPage(response.StatusCode, url, document);
    }
}
