using System.Net;
using System.Net.Sockets;

namespace ShLogin.Testing.Network;

/// <summary>Loopback TCP ports nobody listens on at the moment of asking.</summary>
public static class FreePort
{
    private const int LowestPort = 10000;

    /// <summary>
    /// A loopback port that could be bound just now, drawn below the kernel's ephemeral range: the
    /// local ports of outgoing connections (every test's clients, nginx's upstream connections)
    /// come from that range, so a port handed out by the kernel there can be taken by one of them
    /// before the program under test binds it.
    /// </summary>
    public static int Next()
    {
        var ephemeralLow = EphemeralRangeStart();
        if (ephemeralLow > LowestPort + 1000)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = System.Security.Cryptography.RandomNumberGenerator.GetInt32(LowestPort, ephemeralLow);
                if (CanBind(port))
                {
                    return port;
                }
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var handedOut = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return handedOut;
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // The first port of /proc/sys/net/ipv4/ip_local_port_range (Linux's default: 32768).
    private static int EphemeralRangeStart()
    {
        try
        {
            var fields = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 1 && int.TryParse(fields[0], System.Globalization.CultureInfo.InvariantCulture, out var low) ? low : 32768;
        }
        catch (IOException)
        {
            return 32768;
        }
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
