namespace Cpoms.TwoFactor.Core.Context;

/// <summary>What is known about the client behind the current operation.</summary>
/// <param name="IpAddress">The client's IP address as text, when known.</param>
/// <param name="Location">The approximate location of that address ("Leeds, United Kingdom"), when resolved.</param>
public sealed record ClientContext(string? IpAddress, string? Location)
{
    /// <summary>Nothing is known: used outside a request (background jobs, tests).</summary>
    public static ClientContext Unknown { get; } = new(null, null);
}

/// <summary>
/// Gives the client context of the current operation. The default knows nothing; the AspNetCore package
/// replaces it with one that reads the HTTP request and resolves the location with <see cref="IIpLocationResolver"/>.
/// </summary>
public interface IClientContextAccessor
{
    /// <summary>The current client context; never <see langword="null"/>.</summary>
    ValueTask<ClientContext> GetCurrentAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Resolves the approximate location of an IP address, for the security log and push approval screens.
/// The default resolves nothing; plug in a GeoIP database or service.
/// </summary>
public interface IIpLocationResolver
{
    /// <summary>A short human-readable location, or <see langword="null"/> when unknown.</summary>
    ValueTask<string?> ResolveAsync(string ipAddress, CancellationToken cancellationToken = default);
}

internal sealed class UnknownClientContextAccessor : IClientContextAccessor
{
    public ValueTask<ClientContext> GetCurrentAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ClientContext.Unknown);
}

internal sealed class NoIpLocationResolver : IIpLocationResolver
{
    public ValueTask<string?> ResolveAsync(string ipAddress, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(null);
}
