using AngleSharp.Html.Dom;

namespace Cpoms.TwoFactor.Sample.Tests.Infrastructure;

/// <summary>A cookie-keeping client that loads pages and submits their forms like a browser.</summary>
public sealed class SampleBrowser(HttpClient client, SampleFactory factory) : IDisposable
{
    public HttpClient Client => client;

    public SampleFactory Factory => factory;

    public async Task<HtmlPage> GetAsync(string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        return await HtmlPage.ParseAsync(response);
    }

    /// <summary>
    /// Submits <paramref name="form"/> with its current field values (hidden fields, including the antiforgery
    /// token, and checked boxes), overridden by <paramref name="values"/>; a <see langword="null"/> value removes a field.
    /// </summary>
    public async Task<HtmlPage> SubmitAsync(IHtmlFormElement form, IReadOnlyDictionary<string, string?>? values = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                    {
                        continue;
                    }

                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name!, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name!, area.Value));
                    break;
            }
        }

        foreach (var (name, value) in values ?? new Dictionary<string, string?>())
        {
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        var pageUrl = new Uri(form.Owner!.Url);
        var attribute = form.GetAttribute("action");
        var action = string.IsNullOrEmpty(attribute) ? pageUrl : new Uri(pageUrl, attribute);
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri(client.BaseAddress!, action.PathAndQuery), content, TestContext.Current.CancellationToken);
        return await HtmlPage.ParseAsync(response);
    }

    public void Dispose() => client.Dispose();
}
