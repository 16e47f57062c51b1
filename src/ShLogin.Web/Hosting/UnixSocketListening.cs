using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using ShLogin.Sockets;

namespace ShLogin.Web.Hosting;

/// <summary>Kestrel listening on the given addresses, unix sockets made private as they are bound.</summary>
public static class UnixSocketListening
{
    /// <summary>
    /// Connections the kernel queues before Kestrel accepts them (capped by net.core.somaxconn).
    /// nginx's connect to a unix socket whose queue is full fails at once (EAGAIN, no retry as
    /// with TCP): with Kestrel's default of 512, 2,000 browsers at once got 502s from the app and
    /// 503s ("login service unavailable") from the login service.
    /// </summary>
    public const int ListenBacklog = 4096;

    /// <summary>
    /// Listens on <paramref name="urls"/>; each unix socket becomes 0600 between bind and listen,
    /// before anyone can connect. Clear stale socket files before calling this.
    /// </summary>
    public static IWebHostBuilder UsePrivateUnixSocketsAndUrls(this IWebHostBuilder webHost, IEnumerable<string> urls)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        ArgumentNullException.ThrowIfNull(urls);
        webHost.UseUrls([.. urls]);
        return webHost.UseSockets(sockets =>
        {
            sockets.Backlog = ListenBacklog;
            sockets.CreateBoundListenSocket = endpoint =>
            {
                var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                if (endpoint is UnixDomainSocketEndPoint unix)
                {
                    UnixSocketFile.MakePrivate(unix);
                }

                return socket;
            };
        });
    }
}
