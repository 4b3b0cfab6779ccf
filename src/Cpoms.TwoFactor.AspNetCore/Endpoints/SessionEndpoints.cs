using System.Security.Claims;
using Cpoms.TwoFactor.AspNetCore.Http;
using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Elevation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cpoms.TwoFactor.AspNetCore.Endpoints;

/// <summary>The read-only endpoints about the current session and its user's devices.</summary>
internal static class SessionEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/session", GetSessionAsync);
        group.MapGet("/devices", GetDevicesAsync);
    }

    private static async Task<IResult> GetSessionAsync(ClaimsPrincipal user, ElevationManager elevation, TimeProvider time, CancellationToken cancellationToken)
    {
        if (elevation.GetUserId(user) is null)
        {
            return TwoFactorProblems.ToResult(AspNetCoreErrors.NotSignedIn, time.GetUtcNow());
        }

        var state = await elevation.GetStateAsync(user, null, cancellationToken).ConfigureAwait(false);
        var elevated = state == ElevationState.Elevated;
        return Results.Ok(new SessionResponse(
            state.ToString(),
            elevated,
            elevated ? ElevationManager.GetElevatedAt(user) : null,
            elevated ? user.FindFirst(c => c.Type == CpomsTwoFactorClaimTypes.DeviceId && c.Issuer == CpomsTwoFactorClaimTypes.Issuer)?.Value : null));
    }

    private static async Task<IResult> GetDevicesAsync(ClaimsPrincipal user, ElevationManager elevation, DeviceManager devices, TimeProvider time, CancellationToken cancellationToken)
    {
        if (elevation.GetUserId(user) is not { } userId)
        {
            return TwoFactorProblems.ToResult(AspNetCoreErrors.NotSignedIn, time.GetUtcNow());
        }

        var list = await devices.ListAsync(userId, cancellationToken).ConfigureAwait(false);
        return Results.Ok(list.Select(d => new DeviceResponse(d.Id, d.Kind.Value, d.Name, d.RegisteredAt, d.LastUsedAt, d.IsVerified)).ToArray());
    }

    internal sealed record SessionResponse(string State, bool Elevated, DateTimeOffset? ElevatedAt, string? DeviceId);

    internal sealed record DeviceResponse(string Id, string Kind, string Name, DateTimeOffset RegisteredAt, DateTimeOffset? LastUsedAt, bool Verified);
}
