using System.Net;
using Cpoms.TwoFactor.Sample.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.Sample.Tests.EndToEnd;

/// <summary>The sample served by Kestrel on a free loopback port, for a real browser.</summary>
public sealed class KestrelSampleFactory : SampleFactory
{
    public KestrelSampleFactory() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    /// <summary>Starts the server (once) and returns its address, such as <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.Single());
    }
}
