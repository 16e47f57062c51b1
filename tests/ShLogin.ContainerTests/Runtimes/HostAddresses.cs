using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace ShLogin.ContainerTests.Runtimes;

/// <summary>The host's network as other machines see it.</summary>
public static class HostAddresses
{
    /// <summary>An IPv4 address of this host that is not loopback (what others on the network connect to), or null.</summary>
    public static IPAddress? NonLoopback() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));

    /// <summary>Whether a TCP connection to the address and port is accepted.</summary>
    public static async Task<bool> AcceptsAsync(IPAddress address, int port)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.ConnectAsync(address, port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
