using System.Net;
using Cpoms.TwoFactor.AspNetCore.Http;
using Cpoms.TwoFactor.Core.Context;
using Microsoft.AspNetCore.Http;

namespace Cpoms.TwoFactor.AspNetCore.Tests;

public sealed class HttpClientContextAccessorTests
{
    [Theory]
    [InlineData("::ffff:192.0.2.10", "192.0.2.10")]
    [InlineData("192.0.2.10", "192.0.2.10")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    public void FormatAddress_Address_IsPlainText(string address, string expected)
    {
        Assert.Equal(expected, HttpClientContextAccessor.FormatAddress(IPAddress.Parse(address)));
    }

    [Fact]
    public async Task GetCurrentAsync_Request_UsesRemoteAddressAndResolvedLocation()
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
        http.Request.Headers["X-Forwarded-For"] = "203.0.113.99";
        var accessor = new HttpClientContextAccessor(new HttpContextAccessor { HttpContext = http }, new FakeLocations());

        var context = await accessor.GetCurrentAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new ClientContext("192.0.2.10", "Leeds (192.0.2.10)"), context);
    }

    [Fact]
    public async Task GetCurrentAsync_NoRequest_IsUnknown()
    {
        var accessor = new HttpClientContextAccessor(new HttpContextAccessor(), new FakeLocations());

        Assert.Equal(ClientContext.Unknown, await accessor.GetCurrentAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetCurrentAsync_TwiceInOneRequest_ResolvesTheLocationOnce()
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        var locations = new FakeLocations();
        var accessor = new HttpClientContextAccessor(new HttpContextAccessor { HttpContext = http }, locations);

        await accessor.GetCurrentAsync(TestContext.Current.CancellationToken);
        await accessor.GetCurrentAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, locations.Calls);
    }

    private sealed class FakeLocations : IIpLocationResolver
    {
        public int Calls { get; private set; }

        public ValueTask<string?> ResolveAsync(string ipAddress, CancellationToken cancellationToken = default)
        {
            Calls++;
            return ValueTask.FromResult<string?>($"Leeds ({ipAddress})");
        }
    }
}
