using System.Net;
using System.Net.Sockets;

namespace ShLogin.Configuration;

/// <summary>
/// Finds out whether an address belongs to this machine the way nginx will: by binding a socket
/// to it on port 0 (any free port). Nothing is sent and the socket is closed at once.
/// </summary>
public sealed class LocalAddresses : ILocalAddresses
{
    public static LocalAddresses Instance { get; } = new();

    public bool CanListenOn(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
