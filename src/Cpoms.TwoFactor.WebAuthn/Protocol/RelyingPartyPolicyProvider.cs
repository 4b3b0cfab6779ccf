using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.WebAuthn.Protocol;

/// <summary>Keeps the <see cref="RelyingPartyPolicy"/> of the current options value, rebuilding it when the options change.</summary>
internal sealed class RelyingPartyPolicyProvider(IOptionsMonitor<WebAuthnOptions> options)
{
    private Snapshot? _snapshot;

    /// <summary>The current options and their policy.</summary>
    public (WebAuthnOptions Options, RelyingPartyPolicy Policy) Current
    {
        get
        {
            var value = options.CurrentValue;
            var snapshot = Volatile.Read(ref _snapshot);
            if (snapshot is null || !ReferenceEquals(snapshot.Options, value))
            {
                snapshot = new Snapshot(value, RelyingPartyPolicy.FromOptions(value));
                Volatile.Write(ref _snapshot, snapshot);
            }

            return (snapshot.Options, snapshot.Policy);
        }
    }

    private sealed record Snapshot(WebAuthnOptions Options, RelyingPartyPolicy Policy);
}
