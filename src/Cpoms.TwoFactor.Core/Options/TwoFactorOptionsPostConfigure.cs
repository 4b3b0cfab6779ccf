using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.Core;

/// <summary>Derives <see cref="TwoFactorOptions.ApplicationName"/> from the host when it was not set.</summary>
internal sealed class TwoFactorOptionsPostConfigure(IHostEnvironment? environment = null) : IPostConfigureOptions<TwoFactorOptions>
{
    public void PostConfigure(string? name, TwoFactorOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ApplicationName) && !string.IsNullOrWhiteSpace(environment?.ApplicationName))
        {
            options.ApplicationName = environment.ApplicationName;
        }
    }
}
