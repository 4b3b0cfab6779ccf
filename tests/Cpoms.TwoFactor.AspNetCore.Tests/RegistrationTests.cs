using System.Reflection;
using Cpoms.TwoFactor.AspNetCore.TagHelpers;
using Cpoms.TwoFactor.Core.Context;
using Cpoms.TwoFactor.Totp;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpoms.TwoFactor.AspNetCore.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void UseAspNetCore_CalledTwice_BuildsAndReplacesTheClientContext()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCpomsTwoFactor(o => o.ApplicationName = "x").UseAspNetCore().UseAspNetCore();
        using var provider = services.BuildServiceProvider();

        Assert.Equal("HttpClientContextAccessor", provider.GetRequiredService<IClientContextAccessor>().GetType().Name);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void UseAspNetCore_RateLimitPermitsOutOfRange_FailsValidation(int permits)
    {
        var services = new ServiceCollection();
        services.AddCpomsTwoFactor(o => o.ApplicationName = "x").UseAspNetCore(o => o.RateLimitPermits = permits);
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TwoFactorWebOptions>>().Value);
    }

    [Fact]
    public void QrCodeTagHelper_Enrollment_RendersTheSvgInADiv()
    {
        var output = Run(new PendingEnrollment("id", "otpauth://totp/x", "<svg role=\"img\"></svg>", "ABCD", DateTimeOffset.UnixEpoch));

        Assert.Equal(("div", "<svg role=\"img\"></svg>", "cpoms-qr-code"), (output.TagName, output.Content.GetContent(), output.Attributes["class"].Value.ToString()));
    }

    [Fact]
    public void QrCodeTagHelper_NoEnrollment_RendersNothing()
    {
        var output = Run(null);

        Assert.Null(output.TagName);
    }

    private static TagHelperOutput Run(PendingEnrollment? enrollment)
    {
        var context = new TagHelperContext([], new Dictionary<object, object>(), "id");
        var output = new TagHelperOutput("cpoms-qr-code", [], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
        new QrCodeTagHelper { Enrollment = enrollment }.Process(context, output);
        return output;
    }
}
