using System.Net;
using System.Net.Sockets;
using Cpoms.TwoFactor.Sample.Tests.Infrastructure;

namespace Cpoms.TwoFactor.Sample.Tests.EndToEnd;

/// <summary>
/// The sample served by Kestrel on a free loopback port, for a real browser. The port is chosen before the site
/// starts, because the site's security-key origin (<c>http://localhost:port</c>) is part of its configuration.
/// </summary>
public sealed class KestrelSampleFactory : SampleFactory
{
    private readonly int _port = FreePort();

    public KestrelSampleFactory() => UseKestrel(o => o.ListenLocalhost(_port));

    public override string Origin => $"http://localhost:{_port}";

    /// <summary>Starts the server (once) and returns its address, <c>http://localhost:port</c> (the RP ID is <c>localhost</c>).</summary>
    public Uri Start()
    {
        StartServer();
        return new Uri(Origin);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
