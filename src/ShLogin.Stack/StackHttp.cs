using System.Net;
using System.Net.Sockets;

namespace ShLogin.Stack;

/// <summary>HTTP to a program of the stack at its <see cref="StackEndpoint"/>, a unix socket or a TCP port: what its health check asks.</summary>
public static class StackHttp
{
    /// <summary>A handler that connects to <paramref name="endpoint"/>, follows no redirect and uses no proxy.</summary>
    public static SocketsHttpHandler CreateHandler(StackEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero };
        if (endpoint.SocketPath is { } path)
        {
            handler.ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return handler;
    }

    /// <summary>
    /// The status of a GET of <paramref name="path"/> at <paramref name="endpoint"/> through
    /// <paramref name="client"/> (made on <see cref="CreateHandler"/>'s handler).
    /// </summary>
    public static async Task<HttpStatusCode> GetStatusAsync(HttpClient client, StackEndpoint endpoint, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(endpoint);
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.HttpUri(path));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.StatusCode;
    }
}
