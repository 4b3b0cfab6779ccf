using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cpoms.TwoFactor.Sample.Pages;

/// <summary>
/// Explains error responses (status-code pages re-execute here, for GET and POST alike). A 400 from a form is
/// almost always a missing or tampered antiforgery token: nothing was changed.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    /// <summary>The heading.</summary>
    public string Heading { get; private set; } = "Something went wrong";

    /// <summary>The explanation.</summary>
    public string Message { get; private set; } = "";

    /// <summary>Shows the explanation for GET requests.</summary>
    public void OnGet([FromRoute] int? code) => Explain(code);

    /// <summary>Shows the explanation for re-executed POST requests.</summary>
    public void OnPost([FromRoute] int? code) => Explain(code);

    private void Explain(int? statusCode)
    {
        var code = statusCode is >= 400 and <= 599 ? statusCode.Value : StatusCodes.Status500InternalServerError;
        Response.StatusCode = code;
        (Heading, Message) = code switch
        {
            400 => ("Request not accepted",
                "The form could not be accepted because its security token was missing or invalid. Nothing was changed. Go back, reload the page and try again."),
            404 => ("Page not found", "There is no page at this address."),
            429 => ("Too many requests", "Too many requests in a short time. Nothing was changed. Please wait a minute and try again."),
            _ => ("Something went wrong", "The request could not be completed. Nothing was changed. Please try again."),
        };
    }
}
