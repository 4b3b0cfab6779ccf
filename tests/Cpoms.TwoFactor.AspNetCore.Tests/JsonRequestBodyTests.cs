using System.Text;
using Cpoms.TwoFactor.AspNetCore.Http;
using Microsoft.AspNetCore.Http;

namespace Cpoms.TwoFactor.AspNetCore.Tests;

public sealed class JsonRequestBodyTests
{
    private static HttpRequest Request(string body, string contentType = "application/json", bool declareLength = true)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = declareLength ? bytes.Length : null;
        return context.Request;
    }

    private static async Task<string?> ReadAsync(HttpRequest request, int maxBytes = 100, int maxDepth = 3)
    {
        using var document = await JsonRequestBody.ReadObjectAsync(request, maxBytes, maxDepth, TestContext.Current.CancellationToken);
        return document?.RootElement.GetRawText();
    }

    [Fact]
    public async Task ReadObjectAsync_SmallObject_ReturnsIt()
    {
        Assert.Equal("{\"a\":1}", await ReadAsync(Request("{\"a\":1}", "application/json; charset=utf-8")));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"a\":")]
    [InlineData("{\"a\":1} trailing")]
    [InlineData("")]
    [InlineData("{\"a\":{\"b\":{\"c\":{}}}}")]
    public async Task ReadObjectAsync_NotAnObjectWithinTheDepth_ReturnsNull(string body)
    {
        Assert.Null(await ReadAsync(Request(body)));
    }

    [Fact]
    public async Task ReadObjectAsync_FormContentType_ReturnsNull()
    {
        Assert.Null(await ReadAsync(Request("{\"a\":1}", "application/x-www-form-urlencoded")));
    }

    [Fact]
    public async Task ReadObjectAsync_DeclaredLengthOverTheLimit_ReturnsNullWithoutReading()
    {
        var request = Request("{\"a\":\"" + new string('x', 200) + "\"}");

        Assert.Null(await ReadAsync(request));
        Assert.Equal(0, request.Body.Position);
    }

    [Fact]
    public async Task ReadObjectAsync_UndeclaredLengthOverTheLimit_ReturnsNull()
    {
        Assert.Null(await ReadAsync(Request("{\"a\":\"" + new string('x', 200) + "\"}", declareLength: false)));
    }

    [Fact]
    public async Task ReadObjectAsync_ExactlyAtTheLimit_ReturnsIt()
    {
        var body = "{\"a\":\"" + new string('x', 92) + "\"}";
        Assert.Equal(100, body.Length);

        Assert.Equal(body, await ReadAsync(Request(body, declareLength: false)));
    }
}
