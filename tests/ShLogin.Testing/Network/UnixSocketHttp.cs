using System.Net.Sockets;

namespace ShLogin.Testing.Network;

/// <summary>HTTP over a unix socket, as nginx talks to the app.</summary>
public static class UnixSocketHttp
{
    /// <summary>A client whose every connection goes to <paramref name="socketPath"/>; requests name <c>http://localhost</c>.</summary>
    public static HttpClient Client(string socketPath) => new(Handler(socketPath))
    {
        BaseAddress = new Uri("http://localhost"),
    };

    /// <summary>A handler whose every connection goes to <paramref name="socketPath"/>, for callers that set more on it.</summary>
    public static SocketsHttpHandler Handler(string socketPath) => new()
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
    };
}
