using Cpoms.TwoFactor.Sample.Users;
using Cpoms.TwoFactor.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cpoms.TwoFactor.Sample.Tests.Infrastructure;

/// <summary>
/// The sample site in memory, with a manual clock (so the tests choose the TOTP time step) and users of the
/// tests' own, so that tests never share state.
/// </summary>
public class SampleFactory : WebApplicationFactory<Program>
{
    public const string Password = "Test#Password-2026";

    private int _users;

    /// <summary>The clock of the site (and of the codes the tests compute).</summary>
    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The origin the site's pages are served from, as the browser reports it to security keys.</summary>
    public virtual string Origin => "http://localhost";

    /// <summary>Extra service configuration of a derived factory.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Dates on the pages in UTC, so expected texts do not depend on the machine's time-zone data.
        builder.UseSetting("Sample:TimeZone", "UTC");
        builder.UseSetting("Sample:WebAuthn:Origins:0", Origin);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            ConfigureServices(services);
        });
    }

    /// <summary>Adds a user of the test's own in <paramref name="group"/>.</summary>
    public DemoUser CreateUser(string group = UserGroups.SafeguardingLead)
    {
        var n = Interlocked.Increment(ref _users);
        var id = $"test-{n}-{Guid.NewGuid():N}";
        return Services.GetRequiredService<DemoUserStore>().Add(id, $"{id}@tests.example", $"Test User {n}", group, Password);
    }

    /// <summary>A new browser-like client with its own cookies.</summary>
    public SampleBrowser CreateBrowser() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true }), this);
}
