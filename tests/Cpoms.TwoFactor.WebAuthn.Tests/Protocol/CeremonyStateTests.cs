using Cpoms.TwoFactor.WebAuthn.Protocol;

namespace Cpoms.TwoFactor.WebAuthn.Tests.Protocol;

public sealed class CeremonyStateTests
{
    [Fact]
    public void Deserialize_SerializedState_RoundTrips()
    {
        var state = new CeremonyState
        {
            UserHandle = [1, 2, 3],
            UserVerification = WebAuthnUserVerification.Required,
            Algorithms = [-7, -257],
            AllowCredentials = [[9, 8], [7]],
            AppId = "https://contoso.example/appid.json",
        };

        var copy = CeremonyState.Deserialize(state.Serialize());

        Assert.NotNull(copy);
        Assert.Equal(state.UserHandle, copy.UserHandle);
        Assert.Equal(state.UserVerification, copy.UserVerification);
        Assert.Equal(state.Algorithms, copy.Algorithms);
        Assert.Equal(state.AllowCredentials, copy.AllowCredentials);
        Assert.Equal(state.AppId, copy.AppId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"uh\":\"AA+\",\"uv\":0,\"alg\":[],\"allow\":[]}")]
    [InlineData("{\"uh\":\"\",\"uv\":9,\"alg\":[],\"allow\":[]}")]
    [InlineData("{\"uh\":\"\",\"uv\":0,\"alg\":[\"x\"],\"allow\":[]}")]
    [InlineData("{\"uh\":\"\",\"uv\":0,\"alg\":[],\"allow\":[\"A\"]}")]
    public void Deserialize_NotStateWrittenHere_ReturnsNull(string? text)
    {
        Assert.Null(CeremonyState.Deserialize(text));
    }
}
