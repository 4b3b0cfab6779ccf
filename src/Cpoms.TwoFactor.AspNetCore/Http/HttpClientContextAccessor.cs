using System.Net;
using Cpoms.TwoFactor.Core.Context;
using Microsoft.AspNetCore.Http;

namespace Cpoms.TwoFactor.AspNetCore.Http;

/// <summary>
/// The client context of the current HTTP request: the connection's remote IP address and its location
/// from <see cref="IIpLocationResolver"/>, resolved once per request. Behind a proxy the host must apply
/// forwarded headers (<c>UseForwardedHeaders</c> with its known proxies) first; this class never reads
/// <c>X-Forwarded-For</c> itself, because a client can forge it.
/// </summary>
internal sealed class HttpClientContextAccessor(IHttpContextAccessor httpContextAccessor, IIpLocationResolver locations) : IClientContextAccessor
{
    private static readonly object ItemKey = new();

    public async ValueTask<ClientContext> GetCurrentAsync(CancellationToken cancellationToken = default)
    {
        var httpContext = httpContextAccessor.HttpContext;
        if (httpContext is null)
        {
            return ClientContext.Unknown;
        }

        if (httpContext.Items.TryGetValue(ItemKey, out var cached) && cached is ClientContext known)
        {
            return known;
        }

        var ip = FormatAddress(httpContext.Connection.RemoteIpAddress);
        var location = ip is null ? null : await locations.ResolveAsync(ip, cancellationToken).ConfigureAwait(false);
        var context = new ClientContext(ip, location);
        httpContext.Items[ItemKey] = context;
        return context;
    }

    internal static string? FormatAddress(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
    }
}
