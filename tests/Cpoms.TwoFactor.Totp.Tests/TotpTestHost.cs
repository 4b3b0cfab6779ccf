using Cpoms.TwoFactor.Core.Devices;
using Cpoms.TwoFactor.Core.Events;
using Cpoms.TwoFactor.Core.Protection;
using Cpoms.TwoFactor.Core.Stores;
using Cpoms.TwoFactor.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Totp.Tests;

/// <summary>A service provider with Core's in-memory stores, the Totp feature and a manual clock.</summary>
internal sealed class TotpTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public TotpTestHost(Action<TotpOptions>? configure = null, Action<Core.TwoFactorOptions>? configureCore = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddCpomsTwoFactor(o =>
            {
                o.ApplicationName = "Contoso";
                configureCore?.Invoke(o);
            })
            .AddTotp(configure);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 9, 0, 10, TimeSpan.Zero));

    public IServiceProvider Services => _provider;

    public IDeviceStore Devices => _provider.GetRequiredService<IDeviceStore>();

    public ISecurityEventStore Events => _provider.GetRequiredService<ISecurityEventStore>();

    public IAttemptCounterStore Counters => _provider.GetRequiredService<IAttemptCounterStore>();

    public ISecretProtector Protector => _provider.GetRequiredService<ISecretProtector>();

    public TotpOptions Options => _provider.GetRequiredService<IOptionsMonitor<TotpOptions>>().CurrentValue;

    /// <summary>Runs <paramref name="action"/> in a new scope, as one request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<PendingEnrollment> BeginAsync(string userId = "user-1", string account = "alice@example.org") =>
        InScopeAsync(s => s.GetRequiredService<AuthenticatorAppEnrollment>().BeginAsync(userId, account));

    public Task<Core.Results.TwoFactorResult<Device>> CompleteAsync(string userId, string enrollmentId, string? name, string? code) =>
        InScopeAsync(s => s.GetRequiredService<AuthenticatorAppEnrollment>().CompleteAsync(userId, enrollmentId, name, code));

    public Task<Core.Results.TwoFactorResult<Device>> VerifyAsync(string userId, string? code) =>
        InScopeAsync(s => s.GetRequiredService<AuthenticatorAppVerifier>().VerifyAsync(userId, code));

    /// <summary>Adds an authenticator app with a known secret directly to the store.</summary>
    public async Task<Device> AddDeviceAsync(
        string userId, byte[] secret, OtpAlgorithm algorithm = OtpAlgorithm.Sha1, int digits = 6, int period = 30,
        long? lastStep = null, int driftSteps = 0)
    {
        var device = new Device
        {
            Id = DeviceIds.Create(),
            UserId = userId,
            Kind = DeviceKind.AuthenticatorApp,
            Name = "Phone",
            RegisteredAt = Clock.GetUtcNow(),
            AuthenticatorApp = new AuthenticatorAppData
            {
                ProtectedSecret = Protector.Protect(secret),
                Algorithm = algorithm,
                Digits = digits,
                PeriodSeconds = period,
                LastAcceptedTimeStep = lastStep,
                DriftSteps = driftSteps,
            },
        };
        Assert.True(await Devices.TryAddAsync(device));
        return device;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
