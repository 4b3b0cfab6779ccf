using Cpoms.TwoFactor.AspNetCore.Http;
using Cpoms.TwoFactor.Core.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cpoms.TwoFactor.AspNetCore.Tests;

public sealed class TwoFactorProblemsTests
{
    [Theory]
    [InlineData("totp.invalid_code", 400)]
    [InlineData("core.device_name_required", 400)]
    [InlineData("aspnetcore.antiforgery", 400)]
    [InlineData("core.throttled", 429)]
    [InlineData("core.locked_out", 429)]
    [InlineData("core.locked_out_permanently", 429)]
    [InlineData("aspnetcore.rate_limited", 429)]
    [InlineData("aspnetcore.not_signed_in", 401)]
    [InlineData("elevation.not_signed_in", 401)]
    public void StatusCodeFor_ErrorCode_MapsToHttpStatus(string code, int expected)
    {
        Assert.Equal(expected, TwoFactorProblems.StatusCodeFor(new TwoFactorError(code, "message")));
    }

    [Fact]
    public void Create_Error_CarriesCodeAndUserMessage()
    {
        var problem = TwoFactorProblems.Create(new TwoFactorError("totp.invalid_code", "Incorrect or out of date code"));

        Assert.Equal(("totp.invalid_code", "Incorrect or out of date code"), (problem.Extensions["code"], problem.Detail));
    }

    [Fact]
    public async Task ToResult_ThrottledError_SetsRetryAfterInWholeSeconds()
    {
        var now = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var result = TwoFactorProblems.ToResult(TwoFactorErrors.Throttled(now.AddSeconds(7.2)), now);
        using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        await result.ExecuteAsync(context);

        Assert.Equal((429, "8"), (context.Response.StatusCode, context.Response.Headers.RetryAfter.ToString()));
    }
}
