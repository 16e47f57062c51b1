using System.Net;
using System.Net.WebSockets;
using Xunit;

namespace ShLogin.IntegrationTests.Nginx;

/// <summary>
/// Through real nginx: the app never receives the login service's cookies (the session cookie,
/// its gate and antiforgery cookies), while the login service does and the app's own cookies pass
/// unchanged and in order, on ordinary requests and on WebSocket upgrades.
/// </summary>
public sealed class AppCookieTests
{
    [Theory]
    [InlineData("shlogin_session=S; a=1; shlogin_session_gate=G; b=2; shlogin_session_af=F", "a=1; b=2")]
    [InlineData("a=1; shlogin_session=S; shlogin_session=T; _xsrf=2|x", "a=1; _xsrf=2|x")]
    [InlineData("SHLOGIN_SESSION=S;shlogin_x=1;shlogin_session_gatex=2", "shlogin_x=1;shlogin_session_gatex=2")]
    [InlineData("shlogin_session=S; shlogin_session=T; shlogin_session=U; a=1", null)]
    public async Task The_app_gets_every_cookie_but_the_login_service_ones(string sent, string? received)
    {
        await using var site = await ProtectedSite.StartAsync();
        site.Auth.CheckStatus = 204;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/notebooks/x");
        request.Headers.TryAddWithoutValidation("Cookie", sent);

        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(received, Assert.Single(site.App.Requests).Header("Cookie"));
        Assert.Contains(site.Auth.Requests, check => check.Header("Cookie") == sent);
    }

    [Fact]
    public async Task A_websocket_upgrade_reaches_the_app_without_the_session_cookie()
    {
        await using var site = await ProtectedSite.StartAsync(checkWebSocketOrigin: true);
        site.Auth.CheckStatus = 204;
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", $"http://127.0.0.1:{site.Nginx.Port}");
        socket.Options.SetRequestHeader("Cookie", "shlogin_session=S; kernel=k1; shlogin_session_gate=G");

        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{site.Nginx.Port}/ws"), TestContext.Current.CancellationToken);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", TestContext.Current.CancellationToken);

        Assert.Equal("kernel=k1", Assert.Single(site.App.Requests).Header("Cookie"));
    }
}
