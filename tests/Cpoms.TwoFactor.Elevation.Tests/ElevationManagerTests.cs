using System.Globalization;
using System.Security.Claims;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Results;

namespace Cpoms.TwoFactor.Elevation.Tests;

public sealed class ElevationManagerTests
{
    [Fact]
    public async Task GetStateAsync_AnonymousPrincipal_IsNotElevated()
    {
        using var host = new ElevationTestHost();

        var state = await host.Elevation.GetStateAsync(new ClaimsPrincipal(new ClaimsIdentity()), null, TestContext.Current.CancellationToken);

        Assert.Equal(ElevationState.NotElevated, state);
    }

    [Fact]
    public async Task GetStateAsync_PasswordOnlySession_IsNotElevated()
    {
        using var host = new ElevationTestHost();
        await host.AddDeviceAsync("u1");

        var state = await host.Elevation.GetStateAsync(ElevationTestHost.PasswordSession("u1"), null, TestContext.Current.CancellationToken);

        Assert.Equal(ElevationState.NotElevated, state);
    }

    [Fact]
    public async Task GetStateAsync_AfterElevation_IsElevated()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");

        var state = await host.Elevation.GetStateAsync(principal, null, TestContext.Current.CancellationToken);

        Assert.Equal(ElevationState.Elevated, state);
    }

    [Fact]
    public async Task CreateElevatedPrincipalAsync_AuthenticatorApp_AddsOtpAndMfaAndKeepsPwd()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1", DeviceKind.AuthenticatorApp);

        var amr = principal.FindAll("amr").Select(c => c.Value).Order(StringComparer.Ordinal).ToArray();

        // RFC 8176 §2: "pwd" (host's first factor), "otp" (one-time password), "mfa" (multiple factors).
        Assert.Equal(["mfa", "otp", "pwd"], amr);
    }

    [Fact]
    public async Task CreateElevatedPrincipalAsync_SecurityKey_AddsHwk()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1", DeviceKind.SecurityKey);

        Assert.Contains(principal.FindAll("amr"), c => c.Value == "hwk");
    }

    [Fact]
    public async Task CreateElevatedPrincipalAsync_KeepsHostClaims()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");

        Assert.Equal("Display u1", principal.FindFirst(ClaimTypes.Name)?.Value);
    }

    [Fact]
    public async Task CreateElevatedPrincipalAsync_RecordsTimeFromTimeProviderAsUnixSeconds()
    {
        using var host = new ElevationTestHost();
        host.Clock.SetUtcNow(new DateTimeOffset(2024, 3, 9, 9, 36, 0, TimeSpan.Zero));
        var (principal, _) = await host.ElevatedSessionAsync("u1");

        // 2024-03-09T09:36:00Z is 1709976960 seconds after the Unix epoch.
        Assert.Equal("1709976960", principal.FindFirst(CpomsTwoFactorClaimTypes.ElevatedAt)?.Value);
    }

    [Fact]
    public async Task CreateElevatedPrincipalAsync_RecordsDeviceId()
    {
        using var host = new ElevationTestHost();
        var (principal, device) = await host.ElevatedSessionAsync("u1");

        Assert.Equal(device.Id, principal.FindFirst(CpomsTwoFactorClaimTypes.DeviceId)?.Value);
    }

    [Fact]
    public async Task CreateElevatedPrincipalAsync_DeviceOfAnotherUser_FailsWithDeviceNotOwned()
    {
        using var host = new ElevationTestHost();
        var device = await host.AddDeviceAsync("someone-else");

        var result = await host.Elevation.CreateElevatedPrincipalAsync(ElevationTestHost.PasswordSession("u1"), device, TestContext.Current.CancellationToken);

        Assert.Equal("elevation.device_not_owned", result.Error?.Code);
    }

    [Fact]
    public async Task CreateElevatedPrincipalAsync_NoUserId_FailsWithNotSignedIn()
    {
        using var host = new ElevationTestHost();
        var device = await host.AddDeviceAsync("u1");

        var result = await host.Elevation.CreateElevatedPrincipalAsync(new ClaimsPrincipal(new ClaimsIdentity()), device, TestContext.Current.CancellationToken);

        Assert.Equal("elevation.not_signed_in", result.Error?.Code);
    }

    [Fact]
    public async Task GetStateAsync_AfterAnotherDeviceAdded_IsRevoked()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        await host.AddDeviceAsync("u1");

        Assert.Equal(ElevationState.Revoked, await host.Elevation.GetStateAsync(principal, null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetStateAsync_AfterDeviceRemoved_IsRevoked()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        var other = await host.AddDeviceAsync("u1");
        var renewed = await host.Elevation.RenewStampAsync(principal, TestContext.Current.CancellationToken);
        await host.Devices.RemoveAsync("u1", other.Id, TestContext.Current.CancellationToken);

        Assert.Equal(ElevationState.Revoked, await host.Elevation.GetStateAsync(renewed!, null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetStateAsync_AfterAdminReset_IsRevoked()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        await host.Devices.ResetAsync("u1", "admin", TestContext.Current.CancellationToken);

        Assert.Equal(ElevationState.Revoked, await host.Elevation.GetStateAsync(principal, null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetStateAsync_AnotherUsersDeviceChange_KeepsElevation()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        await host.AddDeviceAsync("u2");

        Assert.Equal(ElevationState.Elevated, await host.Elevation.GetStateAsync(principal, null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetStateAsync_ForgedClaimsFromAnotherIssuer_IsNotElevated()
    {
        using var host = new ElevationTestHost();
        await host.AddDeviceAsync("u1");
        var stamp = await host.Devices.GetStampAsync("u1", TestContext.Current.CancellationToken);
        var forged = ElevationTestHost.PasswordSession("u1");
        var identity = (ClaimsIdentity)forged.Identity!;
        identity.AddClaim(new Claim("amr", "mfa"));
        identity.AddClaim(new Claim(CpomsTwoFactorClaimTypes.ElevatedAt, host.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(CpomsTwoFactorClaimTypes.Stamp, stamp));

        Assert.Equal(ElevationState.NotElevated, await host.Elevation.GetStateAsync(forged, null, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(14 * 60 + 59, ElevationState.Elevated)]
    [InlineData(15 * 60, ElevationState.Elevated)]
    [InlineData(15 * 60 + 1, ElevationState.Expired)]
    public async Task GetStateAsync_WithMaxAge_ExpiresAfterIt(int secondsLater, ElevationState expected)
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        host.Clock.Advance(TimeSpan.FromSeconds(secondsLater));

        Assert.Equal(expected, await host.Elevation.GetStateAsync(principal, TimeSpan.FromMinutes(15), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetStateAsync_StaleStampAndOld_IsRevokedRatherThanExpired()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        host.Clock.Advance(TimeSpan.FromHours(2));
        await host.Devices.ResetAsync("u1", "admin", TestContext.Current.CancellationToken);

        Assert.Equal(ElevationState.Revoked, await host.Elevation.GetStateAsync(principal, TimeSpan.FromMinutes(15), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RemoveElevation_RemovesEveryElevationClaim()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");

        var removed = ElevationManager.RemoveElevation(principal);

        Assert.DoesNotContain(removed.Claims, c => c.Issuer == CpomsTwoFactorClaimTypes.Issuer);
    }

    [Fact]
    public async Task RemoveElevation_KeepsHostAmr()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");

        var removed = ElevationManager.RemoveElevation(principal);

        Assert.Equal(["pwd"], removed.FindAll("amr").Select(c => c.Value));
    }

    [Fact]
    public async Task RenewStampAsync_AfterOwnDeviceAdded_IsElevatedAgain()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        await host.AddDeviceAsync("u1");

        var renewed = await host.Elevation.RenewStampAsync(principal, TestContext.Current.CancellationToken);

        Assert.Equal(ElevationState.Elevated, await host.Elevation.GetStateAsync(renewed!, null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RenewStampAsync_PasswordOnlySession_ReturnsNull()
    {
        using var host = new ElevationTestHost();

        Assert.Null(await host.Elevation.RenewStampAsync(ElevationTestHost.PasswordSession("u1"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CanEnrollAsync_UserWithoutDevices_IsAllowed()
    {
        using var host = new ElevationTestHost();

        var result = await host.Elevation.CanEnrollAsync(ElevationTestHost.PasswordSession("u1"), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task CanEnrollAsync_UserWithDevicesNotElevated_IsRefused()
    {
        using var host = new ElevationTestHost();
        await host.AddDeviceAsync("u1");

        var result = await host.Elevation.CanEnrollAsync(ElevationTestHost.PasswordSession("u1"), TestContext.Current.CancellationToken);

        Assert.Equal(TwoFactorErrors.EnrollmentNotAllowed.Code, result.Error?.Code);
    }

    [Fact]
    public async Task CanEnrollAsync_UserWithDevicesElevated_IsAllowed()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");

        var result = await host.Elevation.CanEnrollAsync(principal, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task CanEnrollAsync_ElevationRevokedByReset_IsAllowedBecauseNoDevicesRemain()
    {
        using var host = new ElevationTestHost();
        var (principal, _) = await host.ElevatedSessionAsync("u1");
        await host.Devices.ResetAsync("u1", "admin", TestContext.Current.CancellationToken);

        var result = await host.Elevation.CanEnrollAsync(principal, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void GetUserId_ConfiguredClaimType_IsUsed()
    {
        using var host = new ElevationTestHost(configure: o => o.UserIdClaimType = "sub");
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "abc")], "Cookies"));

        Assert.Equal("abc", host.Elevation.GetUserId(principal));
    }
}
