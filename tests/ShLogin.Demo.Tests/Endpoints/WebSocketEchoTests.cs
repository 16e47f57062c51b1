using System.Net;
using System.Net.WebSockets;
using System.Text;
using ShLogin.Demo.Tests.TestSupport;

namespace ShLogin.Demo.Tests.Endpoints;

public class WebSocketEchoTests
{
    private static readonly Uri EchoUri = new("ws://localhost/ws");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Text_messages_come_back_unchanged()
    {
        await using var host = await DemoHost.StartAsync();
        using var socket = await host.Server.CreateWebSocketClient().ConnectAsync(EchoUri, Cancellation);

        foreach (var text in new[] { "hello", "<b>ünïcødé</b> ✓", string.Empty })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, Cancellation);
            var (type, payload) = await ReceiveMessageAsync(socket);

            Assert.Equal(WebSocketMessageType.Text, type);
            Assert.Equal(text, Encoding.UTF8.GetString(payload));
        }
    }

    [Fact]
    public async Task Binary_messages_come_back_unchanged()
    {
        await using var host = await DemoHost.StartAsync();
        using var socket = await host.Server.CreateWebSocketClient().ConnectAsync(EchoUri, Cancellation);
        var bytes = Enumerable.Range(0, 40_000).Select(i => (byte)(i * 7)).ToArray();

        await socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, Cancellation);
        var (type, payload) = await ReceiveMessageAsync(socket);

        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(bytes, payload);
    }

    [Fact]
    public async Task A_message_sent_in_fragments_comes_back_whole()
    {
        await using var host = await DemoHost.StartAsync();
        using var socket = await host.Server.CreateWebSocketClient().ConnectAsync(EchoUri, Cancellation);

        await socket.SendAsync("first "u8.ToArray(), WebSocketMessageType.Text, endOfMessage: false, Cancellation);
        await socket.SendAsync("second "u8.ToArray(), WebSocketMessageType.Text, endOfMessage: false, Cancellation);
        await socket.SendAsync("third"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, Cancellation);
        var (_, payload) = await ReceiveMessageAsync(socket);

        Assert.Equal("first second third", Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public async Task A_close_from_the_client_is_answered()
    {
        await using var host = await DemoHost.StartAsync();
        using var socket = await host.Server.CreateWebSocketClient().ConnectAsync(EchoUri, Cancellation);

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", Cancellation);

        Assert.Equal(WebSocketState.Closed, socket.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task A_message_over_the_limit_closes_with_1009()
    {
        await using var host = await DemoHost.StartAsync();
        using var socket = await host.Server.CreateWebSocketClient().ConnectAsync(EchoUri, Cancellation);

        await socket.SendAsync(new byte[(64 * 1024) + 1], WebSocketMessageType.Binary, endOfMessage: true, Cancellation);
        var result = await socket.ReceiveAsync(new byte[1024], Cancellation);

        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, result.CloseStatus);
    }

    [Fact]
    public async Task Stopping_the_app_closes_open_connections_with_1001()
    {
        var host = await DemoHost.StartAsync();
        using var socket = await host.Server.CreateWebSocketClient().ConnectAsync(EchoUri, Cancellation);
        var receive = socket.ReceiveAsync(new byte[1024], Cancellation);

        var stopping = host.App.StopAsync(Cancellation);
        var result = await receive.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, Cancellation);
        await stopping.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        await host.App.DisposeAsync();

        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, result.CloseStatus);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("https://localhost.evil.example")]
    [InlineData("null")]
    public async Task A_cross_site_origin_is_refused(string origin)
    {
        await using var host = await DemoHost.StartAsync();
        var client = host.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers.Origin = origin;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(EchoUri, Cancellation));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_origin_is_accepted()
    {
        await using var host = await DemoHost.StartAsync();
        var client = host.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers.Origin = "http://localhost";

        using var socket = await client.ConnectAsync(EchoUri, Cancellation);
        await socket.SendAsync("same site"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, Cancellation);
        var (_, payload) = await ReceiveMessageAsync(socket);

        Assert.Equal("same site", Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public async Task A_plain_request_is_told_to_upgrade()
    {
        await using var host = await DemoHost.StartAsync();

        using var response = await host.Client().GetAsync("/ws", Cancellation);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
    }

    private static async Task<(WebSocketMessageType Type, byte[] Payload)> ReceiveMessageAsync(WebSocket socket)
    {
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, Cancellation);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }
}
