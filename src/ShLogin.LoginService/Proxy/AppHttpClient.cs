using System.Net;
using System.Net.Sockets;
using ShLogin.Nginx;

namespace ShLogin.LoginService.Proxy;

/// <summary>The connections to the app: over its unix socket or to its loopback port, kept alive and reused.</summary>
internal static class AppHttpClient
{
    /// <summary>The URL prefix requests to <paramref name="app"/> are sent to (a socket's go to localhost).</summary>
    public static string DestinationPrefix(Upstream app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.IsUnixSocket ? "http://localhost/" : $"http://{Bracketed(app.Host)}:{app.Port}/";
    }

    /// <summary>A client for <paramref name="app"/>: no proxy, cookies, redirects, decompression or tracing headers of its own.</summary>
    public static HttpMessageInvoker Create(Upstream app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            // nginx adds no trace headers either.
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
        if (app.SocketPath is { } path)
        {
            var endpoint = new UnixDomainSocketEndPoint(path);
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(endpoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return new HttpMessageInvoker(handler, disposeHandler: true);
    }

    private static string Bracketed(string host) => host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host;
}
