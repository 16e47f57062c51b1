using System.Net;
using System.Net.WebSockets;
using System.Text;
using ShLogin.Nginx;
using Xunit;

namespace ShLogin.IntegrationTests.Nginx;

/// <summary>WebSockets through the generated config, against real nginx.</summary>
public sealed class WebSocketTests
{
    [Fact]
    public async Task An_upgrade_with_a_session_reaches_the_app_and_echoes()
    {
        await using var site = await ProtectedSite.StartAsync();
        site.Auth.CheckStatus = 204;
        using var socket = ProtectedSite.NewWebSocket();

        await socket.ConnectAsync(WebSocketUri(site), TestContext.Current.CancellationToken);
        var reply = await EchoAsync(socket, "kernel message 1");

        Assert.Equal("kernel message 1", reply);
        Assert.Equal("/ws", Assert.Single(site.App.Requests).RawTarget);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("shlogin_session=forged")]
    public async Task An_upgrade_without_a_session_never_reaches_the_app(string? cookie)
    {
        await using var site = await ProtectedSite.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (cookie is not null)
        {
            socket.Options.SetRequestHeader("Cookie", cookie);
        }

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WebSocketUri(site), TestContext.Current.CancellationToken));

        // The handshake is answered with the redirect to the login page (which the client follows): by
        // nginx itself without a session cookie, by the login service with one.
        Assert.NotEqual(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
        Assert.Contains(site.Auth.Requests, r => r.RawTarget == "/auth/login?next=%2Fws");
        Assert.Equal(cookie is null ? 0 : 1, site.Auth.RequestsTo(NginxAuthContract.CheckPath).Count());
        Assert.Equal(cookie is null ? 0 : 1, site.Auth.RequestsTo(NginxAuthContract.SignInRedirectPath).Count());
        Assert.Empty(site.App.Requests);
    }

    [Fact]
    public async Task A_cross_origin_upgrade_without_a_session_is_refused_before_any_redirect()
    {
        await using var site = await ProtectedSite.StartAsync(checkWebSocketOrigin: true);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", "http://evil.example");

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WebSocketUri(site), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
        Assert.Empty(site.Auth.Requests);
        Assert.Empty(site.App.Requests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("same")]
    public async Task With_the_origin_check_same_origin_or_no_origin_connects(string? origin)
    {
        await using var site = await ProtectedSite.StartAsync(checkWebSocketOrigin: true);
        site.Auth.CheckStatus = 204;
        using var socket = ProtectedSite.NewWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", $"http://127.0.0.1:{site.Nginx.Port}");
        }

        await socket.ConnectAsync(WebSocketUri(site), TestContext.Current.CancellationToken);

        Assert.Equal("hello", await EchoAsync(socket, "hello"));
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://127.0.0.1")]
    [InlineData("null")]
    [InlineData("http://127.0.0.1:1")]
    [InlineData("http://127.0.0.1:{port}.evil.example")]
    [InlineData("http://a@127.0.0.1:{port}")]
    [InlineData("http://127.0.0.1:{port}/")]
    [InlineData("http://localhost:{port}")]
    public async Task With_the_origin_check_a_cross_origin_upgrade_is_refused(string origin)
    {
        await using var site = await ProtectedSite.StartAsync(checkWebSocketOrigin: true);
        site.Auth.CheckStatus = 204;
        using var socket = ProtectedSite.NewWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin.Replace("{port}", site.Nginx.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WebSocketUri(site), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
        Assert.Empty(site.App.Requests);
    }

    [Fact]
    public async Task With_the_origin_check_ordinary_cross_origin_requests_still_pass()
    {
        await using var site = await ProtectedSite.StartAsync(checkWebSocketOrigin: true);
        site.Auth.CheckStatus = 204;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/app.js");
        request.Headers.Add("Origin", "http://cdn.example");

        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_the_origin_check_nginx_leaves_origins_to_the_app()
    {
        await using var site = await ProtectedSite.StartAsync();
        site.Auth.CheckStatus = 204;
        using var socket = ProtectedSite.NewWebSocket();
        socket.Options.SetRequestHeader("Origin", "http://evil.example");

        await socket.ConnectAsync(WebSocketUri(site), TestContext.Current.CancellationToken);

        Assert.Equal("hi", await EchoAsync(socket, "hi"));
    }

    private static Uri WebSocketUri(ProtectedSite site) => new($"ws://127.0.0.1:{site.Nginx.Port}/ws");

    private static async Task<string> EchoAsync(ClientWebSocket socket, string message)
    {
        var token = TestContext.Current.CancellationToken;
        await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, token);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, token);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", token);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }
}
