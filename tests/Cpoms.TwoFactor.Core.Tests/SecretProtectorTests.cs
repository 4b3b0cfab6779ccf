using Cpoms.TwoFactor.Core.Protection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.Core.Tests;

public sealed class SecretProtectorTests
{
    private static readonly byte[] Secret = "12345678901234567890"u8.ToArray();

    [Fact]
    public void Protect_RoundTrips()
    {
        var protector = Create();

        Assert.Equal(Secret, protector.Unprotect(protector.Protect(Secret)));
    }

    [Fact]
    public void Protect_DoesNotContainThePlainSecret()
    {
        var protectedSecret = Create().Protect(Secret);

        Assert.DoesNotContain(Convert.ToBase64String(Secret), protectedSecret, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    public void Unprotect_ReturnsNullForGarbage(string value)
    {
        Assert.Null(Create().Unprotect(value));
    }

    [Fact]
    public void Unprotect_ReturnsNullWhenTampered()
    {
        var protector = Create();
        var bytes = Convert.FromBase64String(protector.Protect(Secret));
        bytes[^1] ^= 0x01;

        Assert.Null(protector.Unprotect(Convert.ToBase64String(bytes)));
    }

    private static ISecretProtector Create()
    {
        var services = new ServiceCollection();
        services.AddCpomsTwoFactor(o => o.ApplicationName = "Tests");
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        return services.BuildServiceProvider().GetRequiredService<ISecretProtector>();
    }
}
