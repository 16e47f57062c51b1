using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace ShLogin.Stack;

/// <summary>
/// Picks free TCP ports. Random ones are drawn from a range and re-drawn when taken, so that
/// users sharing a cluster node rarely collide; an explicit one that is taken is an error.
/// </summary>
public static class PortAllocator
{
    /// <summary>The lowest port of the default public range.</summary>
    public const int DefaultMin = 9000;

    /// <summary>The highest port of the default public range.</summary>
    public const int DefaultMax = 64499;

    /// <summary>A random port in [<paramref name="min"/>, <paramref name="max"/>] that <paramref name="address"/> can bind now.</summary>
    /// <exception cref="InvalidOperationException">No free port was found in 200 draws.</exception>
    public static int PickRandom(IPAddress address, int min = DefaultMin, int max = DefaultMax)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfLessThan(min, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, 65535);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(min, max);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = RandomNumberGenerator.GetInt32(min, max + 1);
            if (IsFree(address, port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free port found between {min} and {max} on {address}");
    }

    /// <summary>True when a listener could bind <paramref name="address"/>:<paramref name="port"/> now.</summary>
    public static bool IsFree(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(1);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
