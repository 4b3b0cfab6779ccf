using Cpoms.TwoFactor.Core;
using Cpoms.TwoFactor.Core.Context;
using Cpoms.TwoFactor.Core.Notifications;
using Cpoms.TwoFactor.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.Core.Tests.Support;

/// <summary>Core services on in-memory stores, a manual clock, a fixed client context and a recording notifier.</summary>
internal sealed class CoreFixture : IAsyncDisposable
{
    public CoreFixture(Action<TwoFactorOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IClientContextAccessor>(new FixedClientContext(new ClientContext("203.0.113.7", "Skipton, United Kingdom")));
        services.AddSingleton<ITwoFactorNotifier>(Notifier);
        services.AddCpomsTwoFactor(o =>
        {
            o.ApplicationName = "Cpoms Tests";
            configure?.Invoke(o);
        });
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        Scope = Provider.CreateAsyncScope();
    }

    public ManualTimeProvider Clock { get; } = new();

    public RecordingNotifier Notifier { get; } = new();

    public ServiceProvider Provider { get; }

    public AsyncServiceScope Scope { get; }

    public T Get<T>() where T : notnull => Scope.ServiceProvider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Scope.DisposeAsync();
        await Provider.DisposeAsync();
    }

    private sealed class FixedClientContext(ClientContext context) : IClientContextAccessor
    {
        public ValueTask<ClientContext> GetCurrentAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(context);
    }
}

internal sealed class RecordingNotifier : ITwoFactorNotifier
{
    private readonly List<TwoFactorNotification> _sent = [];

    public IReadOnlyList<TwoFactorNotification> Sent
    {
        get
        {
            lock (_sent)
            {
                return _sent.ToArray();
            }
        }
    }

    public Task NotifyAsync(TwoFactorNotification notification, CancellationToken cancellationToken = default)
    {
        lock (_sent)
        {
            _sent.Add(notification);
        }

        return Task.CompletedTask;
    }
}
