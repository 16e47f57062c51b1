using Microsoft.AspNetCore.Http;
using ShLogin.LoginService.Proxy;

namespace ShLogin.LoginService.Tests.Proxy;

/// <summary>The built-in proxy's Origin rule for upgrades: nginx's map, case for case.</summary>
public class WebSocketOriginCheckTests
{
    [Theory]
    [InlineData(null, "http://127.0.0.1:8080", "127.0.0.1:8080", false)]
    [InlineData("websocket", null, "127.0.0.1:8080", false)]
    [InlineData("websocket", "", "127.0.0.1:8080", false)]
    [InlineData("websocket", "http://127.0.0.1:8080", "127.0.0.1:8080", false)]
    [InlineData("websocket", "https://127.0.0.1:8080", "127.0.0.1:8080", false)]
    [InlineData("websocket", "HTTP://LOCALHOST:8080", "localhost:8080", false)]
    [InlineData("websocket", "http://127.0.0.1:8081", "127.0.0.1:8080", true)]
    [InlineData("websocket", "http://127.0.0.1", "127.0.0.1:8080", true)]
    [InlineData("websocket", "http://evil.example", "127.0.0.1:8080", true)]
    [InlineData("websocket", "http://127.0.0.1:8080/", "127.0.0.1:8080", true)]
    [InlineData("websocket", "http://127.0.0.1:8080.evil.example", "127.0.0.1:8080", true)]
    [InlineData("websocket", "ws://127.0.0.1:8080", "127.0.0.1:8080", true)]
    [InlineData("websocket", "null", "127.0.0.1:8080", true)]
    [InlineData("websocket", "http://", "", true)]
    public void Refuses_an_upgrade_from_another_origin(string? upgrade, string? origin, string host, bool refused)
    {
        var context = new DefaultHttpContext();
        if (upgrade is not null)
        {
            context.Request.Headers.Upgrade = upgrade;
        }

        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        context.Request.Headers.Host = host;

        Assert.Equal(refused, WebSocketOriginCheck.IsRefused(context.Request));
    }
}
