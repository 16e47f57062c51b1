using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ShLogin.IntegrationTests.Infrastructure;
using ShLogin.Nginx;

namespace ShLogin.IntegrationTests.Nginx;

/// <summary>The protected app: answers every path with a marker and echoes WebSocket messages on <c>/ws</c>.</summary>
public sealed class AppStub : IAsyncDisposable
{
    public const string ContentMarker = "protected app content";

    private LoopbackWebServer? server;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Upstream Upstream => server?.Upstream ?? throw new InvalidOperationException("Not started.");

    public static async Task<AppStub> StartAsync(string? unixSocketPath = null)
    {
        var stub = new AppStub();
        stub.server = await LoopbackWebServer.StartAsync(stub.Map, unixSocketPath);
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private static async Task EchoAsync(WebSocket socket)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, CancellationToken.None);
        }
    }

    private void Map(WebApplication app)
    {
        app.UseWebSockets();
        app.Use(async (context, next) =>
        {
            Requests.Enqueue(RecordedRequest.From(context));
            await next(context);
        });

        app.Map("/ws", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await EchoAsync(socket);
        });

        app.Map("/{**rest}", (HttpContext context) => Results.Text($"{ContentMarker} at {context.Request.Path}"));
    }
}
