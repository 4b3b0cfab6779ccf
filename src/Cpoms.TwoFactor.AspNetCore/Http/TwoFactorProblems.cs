using Cpoms.TwoFactor.Core.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Cpoms.TwoFactor.AspNetCore.Http;

/// <summary>
/// Turns a <see cref="TwoFactorError"/> into an RFC 9457 problem response: status 429 for throttling and
/// lockout (with <c>Retry-After</c> when the error knows when to retry), 401 for a missing sign-in, 400 for
/// everything else; the stable error code goes in the <c>code</c> extension and the user message in
/// <c>detail</c>. Bad input therefore never becomes a 500.
/// </summary>
public static class TwoFactorProblems
{
    /// <summary>The HTTP status code for <paramref name="error"/>.</summary>
    public static int StatusCodeFor(TwoFactorError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            "core.throttled" or "core.locked_out" or "core.locked_out_permanently" => StatusCodes.Status429TooManyRequests,
            "aspnetcore.rate_limited" => StatusCodes.Status429TooManyRequests,
            "aspnetcore.not_signed_in" or "elevation.not_signed_in" => StatusCodes.Status401Unauthorized,
            _ => StatusCodes.Status400BadRequest,
        };
    }

    /// <summary>The problem details for <paramref name="error"/>.</summary>
    public static ProblemDetails Create(TwoFactorError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var problem = new ProblemDetails
        {
            Status = StatusCodeFor(error),
            Title = "The two-factor request was not accepted.",
            Detail = error.Message,
        };
        problem.Extensions["code"] = error.Code;
        if (error.RetryAt is { } retryAt)
        {
            problem.Extensions["retryAt"] = retryAt;
        }

        return problem;
    }

    /// <summary>An <see cref="IResult"/> that writes <see cref="Create"/>'s problem, with <c>Retry-After</c> when known.</summary>
    /// <param name="error">The error.</param>
    /// <param name="now">The current time, to compute <c>Retry-After</c> in seconds.</param>
    public static IResult ToResult(TwoFactorError error, DateTimeOffset now)
    {
        var problem = Create(error);
        var result = Results.Problem(problem);
        return error.RetryAt is { } retryAt ? new RetryAfterResult(result, retryAt - now) : result;
    }

    private sealed class RetryAfterResult(IResult inner, TimeSpan wait) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var seconds = (long)Math.Ceiling(Math.Max(wait.TotalSeconds, 1));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
