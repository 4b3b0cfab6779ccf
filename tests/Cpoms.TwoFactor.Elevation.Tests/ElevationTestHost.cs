using System.Security.Claims;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cpoms.TwoFactor.Elevation.Tests;

/// <summary>A service provider with Core's in-memory stores, elevation, a manual clock and a fake group-permission source.</summary>
internal sealed class ElevationTestHost : IDisposable
{
    private readonly ServiceProvider _root;
    private readonly IServiceScope _scope;

    public ElevationTestHost(bool withGroupPermissions = true, Action<ElevationOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddCpomsTwoFactor(o => o.ApplicationName = "Elevation tests").AddElevation(configure);
        if (withGroupPermissions)
        {
            services.TryAddSingleton<IUserGroupPermissions>(Groups);
        }

        services.AddAuthorizationCore(o => o.AddPolicy("Safeguarding", p => p.RequireGroupPermission("safeguarding.view")));
        _root = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _scope = _root.CreateScope();
    }

    public ManualTimeProvider Clock { get; } = new();

    public FakeGroupPermissions Groups { get; } = new();

    public IServiceProvider Services => _scope.ServiceProvider;

    public ElevationManager Elevation => Services.GetRequiredService<ElevationManager>();

    public DeviceManager Devices => Services.GetRequiredService<DeviceManager>();

    public IAuthorizationService Authorization => Services.GetRequiredService<IAuthorizationService>();

    /// <summary>A password-only session: a cookie-style identity with the user id and <c>amr=pwd</c>.</summary>
    public static ClaimsPrincipal PasswordSession(string userId) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId),
                new Claim(ClaimTypes.Name, "Display " + userId),
                new Claim("amr", "pwd"),
            ],
            "Cookies"));

    /// <summary>Adds an authenticator app for <paramref name="userId"/> through the device manager.</summary>
    public async Task<Device> AddDeviceAsync(string userId, DeviceKind? kind = null)
    {
        var deviceKind = kind ?? DeviceKind.AuthenticatorApp;
        var device = new Device
        {
            Id = DeviceIds.Create(),
            UserId = userId,
            Kind = deviceKind,
            Name = "Phone",
            RegisteredAt = Clock.GetUtcNow(),
            AuthenticatorApp = deviceKind == DeviceKind.AuthenticatorApp ? new AuthenticatorAppData { ProtectedSecret = "not-a-real-secret" } : null,
            SecurityKey = deviceKind == DeviceKind.SecurityKey
                ? new SecurityKeyData { CredentialId = Guid.NewGuid().ToByteArray(), PublicKey = [1, 2, 3], Algorithm = -7, UserHandle = [4] }
                : null,
        };
        var result = await Devices.AddAsync(device);
        Assert.True(result.Succeeded);
        return result.Value;
    }

    /// <summary>A session for <paramref name="userId"/> elevated with a new device.</summary>
    public async Task<(ClaimsPrincipal Principal, Device Device)> ElevatedSessionAsync(string userId, DeviceKind? kind = null)
    {
        var device = await AddDeviceAsync(userId, kind);
        var result = await Elevation.CreateElevatedPrincipalAsync(PasswordSession(userId), device);
        Assert.True(result.Succeeded);
        return (result.Value, device);
    }

    public void Dispose()
    {
        _scope.Dispose();
        _root.Dispose();
    }
}

/// <summary>A hand-written <see cref="IUserGroupPermissions"/>: grants exactly the (user, permission) pairs added.</summary>
internal sealed class FakeGroupPermissions : IUserGroupPermissions
{
    private readonly HashSet<(string, string)> _grants = [];

    public int Calls { get; private set; }

    public void Grant(string userId, string permission) => _grants.Add((userId, permission));

    public ValueTask<bool> HasPermissionAsync(string userId, string permission, CancellationToken cancellationToken = default)
    {
        Calls++;
        return ValueTask.FromResult(_grants.Contains((userId, permission)));
    }
}
