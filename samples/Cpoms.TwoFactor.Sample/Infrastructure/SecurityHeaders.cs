namespace Cpoms.TwoFactor.Sample.Infrastructure;

/// <summary>Adds security headers to every response: no framing, no sniffing, same-origin resources only.</summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSampleSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        return next(context);
    });
}
