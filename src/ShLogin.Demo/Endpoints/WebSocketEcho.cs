using System.Buffers;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ShLogin.Demo.Endpoints;

/// <summary>
/// <c>/ws</c>: sends every text or binary message back unchanged. Closes cleanly: answers the
/// client's close, and when the app stops sends its own close (1001) instead of dropping the
/// connection, so a browser tab never holds up a shutdown.
/// </summary>
internal sealed class WebSocketEcho : IDisposable
{
    /// <summary>Longest message echoed; a longer one closes the connection with 1009.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>How long a peer may take to answer our close before the connection is dropped.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _receiveTimeout = new();

    private WebSocketEcho(WebSocket socket)
    {
        _socket = socket;
    }

    public static async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            response.Headers.Upgrade = "websocket";
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("This address takes WebSocket connections only.\n", context.RequestAborted);
            return;
        }

        if (!WebSocketOrigin.IsAllowed(context.Request.Headers.Origin, context.Request.Headers.Host))
        {
            response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var echo = new WebSocketEcho(socket);
        await echo.RunAsync(stopping, context.RequestAborted);
    }

    public void Dispose()
    {
        _sendLock.Dispose();
        _receiveTimeout.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping, CancellationToken aborted)
    {
        using var receiveCancellation = CancellationTokenSource.CreateLinkedTokenSource(aborted, _receiveTimeout.Token);
        Task shutdownClose = Task.CompletedTask;
        var registration = stopping.Register(() => shutdownClose = CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "server stopping"));
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var message = new ArrayBufferWriter<byte>();
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var received = await _socket.ReceiveAsync(buffer.AsMemory(), receiveCancellation.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    // The peer closed first: answer with its own status; if we closed first, this was its answer.
                    await CloseAsync(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, string.Empty);
                    break;
                }

                if (_socket.State != WebSocketState.Open)
                {
                    continue; // our close is on its way: what still arrives is not answered
                }

                if (message.WrittenCount + received.Count > MaxMessageBytes)
                {
                    message.Clear();
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"messages are limited to {MaxMessageBytes} bytes");
                    continue;
                }

                message.Write(buffer.AsSpan(0, received.Count));
                if (received.EndOfMessage)
                {
                    await SendAsync(message.WrittenMemory, received.MessageType);
                    message.Clear();
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The peer went away, or did not answer our close in time: nothing left to close cleanly.
        }
        finally
        {
            await registration.DisposeAsync();
            await shutdownClose;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task SendAsync(ReadOnlyMemory<byte> message, WebSocketMessageType type)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.SendAsync(message, type, endOfMessage: true, CancellationToken.None);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends our close frame once, if the connection still takes one; the receive loop waits for the answer.</summary>
    private async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(status, description, CancellationToken.None);
                _receiveTimeout.CancelAfter(CloseHandshakeTimeout);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            // Already gone.
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
