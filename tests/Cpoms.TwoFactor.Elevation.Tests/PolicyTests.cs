using Cpoms.TwoFactor.Elevation.Authorization;
using Microsoft.AspNetCore.Authorization;

namespace Cpoms.TwoFactor.Elevation.Tests;

public sealed class PolicyTests
{
    [Fact]
    public async Task ElevatedPolicy_PasswordOnlySession_IsDenied()
    {
        using var host = new ElevationTestHost();
        await host.AddDeviceAsync("u1");

        var result = await host.Authorization.AuthorizeAsync(ElevationTestHost.PasswordSession("u1"), CpomsTwoFactorPolicies.Elevated);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task ElevatedPolicy_ElevatedSession_IsAllowed()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");

        var result = await host.Authorization.AuthorizeAsync(principal, CpomsTwoFactorPolicies.Elevated);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task ElevatedPolicy_ElevatedHoursAgo_IsAllowed()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        host.Clock.Advance(TimeSpan.FromHours(7));

        var result = await host.Authorization.AuthorizeAsync(principal, CpomsTwoFactorPolicies.Elevated);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task ElevatedPolicy_AfterAdminReset_IsDenied()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        await host.Devices.ResetAsync("u1", "admin", TestContext.Current.CancellationToken);

        var result = await host.Authorization.AuthorizeAsync(principal, CpomsTwoFactorPolicies.Elevated);

        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(16, false)]
    public async Task RecentlyElevatedPolicy_DefaultFifteenMinutes_DependsOnAge(int minutesLater, bool allowed)
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        host.Clock.Advance(TimeSpan.FromMinutes(minutesLater));

        var result = await host.Authorization.AuthorizeAsync(principal, CpomsTwoFactorPolicies.RecentlyElevated);

        Assert.Equal(allowed, result.Succeeded);
    }

    [Fact]
    public async Task RecentlyElevatedPolicy_ConfiguredMaxAge_IsUsed()
    {
        using var host = new ElevationTestHost(configure: o => o.RecentElevationMaxAge = TimeSpan.FromMinutes(5));
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        host.Clock.Advance(TimeSpan.FromMinutes(6));

        var result = await host.Authorization.AuthorizeAsync(principal, CpomsTwoFactorPolicies.RecentlyElevated);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task RequireElevatedSession_WithMaxAge_DeniesOlderElevation()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        var policy = new AuthorizationPolicyBuilder().RequireElevatedSession(TimeSpan.FromMinutes(2)).Build();

        var result = await host.Authorization.AuthorizeAsync(principal, null, policy);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task GroupPermission_GrantedButPasswordOnly_IsDenied()
    {
        using var host = new ElevationTestHost();
        await host.AddDeviceAsync("u1");
        host.Groups.Grant("u1", "safeguarding.view");

        var result = await host.Authorization.AuthorizeAsync(ElevationTestHost.PasswordSession("u1"), "Safeguarding");

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task GroupPermission_PasswordOnly_DoesNotAskTheHost()
    {
        using var host = new ElevationTestHost();
        host.Groups.Grant("u1", "safeguarding.view");

        await host.Authorization.AuthorizeAsync(ElevationTestHost.PasswordSession("u1"), "Safeguarding");

        Assert.Equal(0, host.Groups.Calls);
    }

    [Fact]
    public async Task GroupPermission_GrantedAndElevated_IsAllowed()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        host.Groups.Grant("u1", "safeguarding.view");

        var result = await host.Authorization.AuthorizeAsync(principal, "Safeguarding");

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task GroupPermission_ElevatedButNotGranted_IsDenied()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        host.Groups.Grant("u1", "something.else");

        var result = await host.Authorization.AuthorizeAsync(principal, "Safeguarding");

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task GroupPermission_GrantedAndElevatedThenReset_IsDenied()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        host.Groups.Grant("u1", "safeguarding.view");
        await host.Devices.ResetAsync("u1", "admin", TestContext.Current.CancellationToken);

        var result = await host.Authorization.AuthorizeAsync(principal, "Safeguarding");

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task GroupPermission_NoPermissionSourceRegistered_IsDenied()
    {
        using var host = new ElevationTestHost(withGroupPermissions: false);
        var (principal, _) = await host.ElevatedSessionAsync("u1");

        var result = await host.Authorization.AuthorizeAsync(principal, "Safeguarding");

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void GroupPermissionRequirement_BlankPermission_Throws()
    {
        Assert.Throws<ArgumentException>(() => new GroupPermissionRequirement(" "));
    }

    [Fact]
    public void WithMaxAge_Zero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ElevatedSessionRequirement.WithMaxAge(TimeSpan.Zero));
    }
}
