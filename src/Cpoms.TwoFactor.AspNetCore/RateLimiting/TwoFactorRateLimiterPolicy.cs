using System.Threading.RateLimiting;
using Cpoms.TwoFactor.AspNetCore.Http;
using Cpoms.TwoFactor.Elevation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.AspNetCore.RateLimiting;

/// <summary>
/// A fixed window per signed-in user (or per client IP address before sign-in). Rejections get status 429;
/// the SDK's API endpoints also get a problem body with code <c>aspnetcore.rate_limited</c>, while pages get
/// an empty body so that the host's status-code pages can explain it.
/// </summary>
internal sealed class TwoFactorRateLimiterPolicy(
    IOptionsMonitor<TwoFactorWebOptions> options,
    IOptionsMonitor<ElevationOptions> elevationOptions,
    ILogger<TwoFactorRateLimiterPolicy> logger) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var userId = httpContext.User.FindFirst(elevationOptions.CurrentValue.UserIdClaimType)?.Value;
        var key = userId is { Length: > 0 }
            ? "user:" + userId
            : "ip:" + (HttpClientContextAccessor.FormatAddress(httpContext.Connection.RemoteIpAddress) ?? "unknown");
        var settings = options.CurrentValue;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.RateLimitPermits,
            Window = settings.RateLimitWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var httpContext = context.HttpContext;
        Log.RateLimited(logger, httpContext.User.Identity?.IsAuthenticated == true ? "user" : "ip");
        httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            httpContext.Response.Headers.RetryAfter =
                ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (httpContext.GetEndpoint()?.Metadata.GetMetadata<TwoFactorApiEndpointMetadata>() is null)
        {
            return;
        }

        var problems = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = TwoFactorProblems.Create(AspNetCoreErrors.RateLimited),
        }).ConfigureAwait(false);
    }
}

/// <summary>Marks the SDK's JSON endpoints (they answer errors with problem details).</summary>
internal sealed class TwoFactorApiEndpointMetadata
{
    public static TwoFactorApiEndpointMetadata Instance { get; } = new();
}
