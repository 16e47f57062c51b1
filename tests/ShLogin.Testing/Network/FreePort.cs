using System.Net;
using System.Net.Sockets;

namespace ShLogin.Testing.Network;

/// <summary>Loopback TCP ports nobody listens on at the moment of asking.</summary>
public static class FreePort
{
    /// <summary>A port the kernel just handed out and released; free unless another process takes it first.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Waits until something accepts TCP connections on the loopback port.</summary>
    public static async Task<bool> WaitUntilListeningAsync(int port, TimeSpan timeout, Func<bool>? giveUp = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (giveUp?.Invoke() == true)
            {
                return false;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(25);
            }
        }

        return false;
    }
}
