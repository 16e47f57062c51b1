using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ShLogin.Supervisor.Networking;

/// <summary>
/// Who listens on a loopback port: the process ShLogin started (or one of its descendants or
/// group), or someone else. Any user of a host can bind a loopback port that is free: when an
/// app on one exits, another user may take its port before the app is back, and nginx would hand
/// that user the signed-in requests. Only a listener whose socket inode is among the app's open
/// files is the app's.
/// </summary>
public static class ListenerOwnership
{
    /// <summary>
    /// Decides from the kernel's socket table (<paramref name="sockets"/>) and the socket inodes the
    /// app's processes hold (<paramref name="appSocketInodes"/>) who answers connections to
    /// <paramref name="address"/>:<paramref name="port"/>. Every listener that could take such a
    /// connection counts: one bound to the address itself, to the wildcard address of its family,
    /// and for IPv4 the IPv6 forms (<c>::ffff:a.b.c.d</c>, and <c>::</c>, which takes IPv4 too
    /// unless the socket is IPv6-only, something the table does not show). The app owns the port
    /// only when it holds every one of them.
    /// </summary>
    public static ListenerOwner Decide(IPAddress address, int port, IEnumerable<TcpSocketEntry> sockets, IReadOnlySet<long> appSocketInodes)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(sockets);
        ArgumentNullException.ThrowIfNull(appSocketInodes);
        var listeners = sockets.Where(socket => socket.IsListening && socket.LocalPort == port && Receives(socket.LocalAddress, address)).ToList();
        if (listeners.Count == 0)
        {
            return ListenerOwner.Nobody;
        }

        var foreign = listeners.FirstOrDefault(socket => !appSocketInodes.Contains(socket.Inode));
        return foreign is null ? ListenerOwner.App(listeners.Select(socket => socket.Inode).ToHashSet()) : ListenerOwner.Other(foreign.Uid);
    }

    /// <summary>
    /// <see cref="Decide"/> for the processes now on this host: the app is <paramref name="processId"/>,
    /// its descendants and the members of its process group.
    /// </summary>
    public static ListenerOwner Find(IPAddress address, int port, int processId)
    {
        ArgumentNullException.ThrowIfNull(address);
        var sockets = TcpSocketEntry.ReadAll();
        var candidates = sockets.Where(socket => socket.IsListening && socket.LocalPort == port).ToList();
        return candidates.Count == 0
            ? ListenerOwner.Nobody
            : Decide(address, port, candidates, ProcessSockets.InodesOf(ProcessSockets.TreeOf(processId)));
    }

    /// <summary>One line for the user when someone else holds the app's port.</summary>
    public static string DescribeForeign(IPAddress address, int port, long uid)
    {
        ArgumentNullException.ThrowIfNull(address);
        var endpoint = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"port {endpoint} is held by a process that this stack did not start (uid {uid}{UserName(uid)}): nginx does not forward to it; the app is retried until it gets its port back (or give it a unix socket: SH_LOGIN_PORT=socket).");
    }

    private static bool Receives(IPAddress bound, IPAddress target)
    {
        if (bound.Equals(target))
        {
            return true;
        }

        if (target.AddressFamily == AddressFamily.InterNetwork)
        {
            return bound.Equals(IPAddress.Any)
                || bound.Equals(IPAddress.IPv6Any)
                || (bound.IsIPv4MappedToIPv6 && (bound.MapToIPv4().Equals(target) || bound.MapToIPv4().Equals(IPAddress.Any)));
        }

        return bound.Equals(IPAddress.IPv6Any);
    }

    private static string UserName(long uid)
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                var fields = line.Split(':');
                if (fields.Length > 2 && fields[2] == uid.ToString(CultureInfo.InvariantCulture) && fields[0].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
                {
                    return ", " + fields[0];
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }

        return string.Empty;
    }
}
