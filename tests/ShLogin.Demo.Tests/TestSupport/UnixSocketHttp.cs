using System.Net.Sockets;

namespace ShLogin.Demo.Tests.TestSupport;

/// <summary>HTTP over a unix socket, as nginx talks to the app.</summary>
internal static class UnixSocketHttp
{
    public static HttpClient Client(string socketPath) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    {
        BaseAddress = new Uri("http://localhost"),
    };
}
