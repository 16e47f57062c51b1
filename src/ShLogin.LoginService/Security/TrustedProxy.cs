using System.Net;
using Microsoft.AspNetCore.Http;

namespace ShLogin.LoginService.Security;

/// <summary>
/// What nginx tells the login service about the browser: <c>X-Forwarded-Proto</c> (was the
/// request https?) and <c>X-Real-IP</c> (who is the client?). Believed only on connections that
/// can come from nginx: a unix socket or loopback. A direct connection from elsewhere is judged
/// by its own address and scheme.
/// </summary>
/// <remarks>
/// A local user who can reach a loopback port of the login service can still forge these
/// headers; that only lets them pick their own rate-limit bucket, and the global failure budget
/// of <see cref="RateLimiting.LoginThrottle"/> still bounds them. The unix socket (the default)
/// is private to the user. Every loopback address (127.0.0.0/8, ::1) is one client: any user of
/// the host may connect from any of them, so telling them apart would hand out extra budgets.
/// </remarks>
internal static class TrustedProxy
{
    public const string RealIpHeader = "X-Real-IP";
    public const string ForwardedProtoHeader = "X-Forwarded-Proto";

    /// <summary>The client key of every loopback address: this host.</summary>
    public const string LoopbackClient = "loopback";

    // Longest textual IPv6 address with an IPv4 tail and a zone id is well below this.
    private const int MaxAddressLength = 64;

    /// <summary>True when the connection comes from a unix socket (no IP) or from loopback.</summary>
    public static bool IsTrusted(ConnectionInfo connection)
    {
        var remote = connection.RemoteIpAddress;
        return remote is null || IPAddress.IsLoopback(remote);
    }

    /// <summary>Sets the request scheme from <c>X-Forwarded-Proto</c> when the connection is trusted.</summary>
    public static void ApplyForwardedScheme(HttpContext context)
    {
        if (!IsTrusted(context.Connection))
        {
            return;
        }

        var proto = context.Request.Headers[ForwardedProtoHeader];
        if (proto.Count != 1)
        {
            return;
        }

        if (string.Equals(proto[0], "https", StringComparison.OrdinalIgnoreCase))
        {
            context.Request.Scheme = "https";
        }
        else if (string.Equals(proto[0], "http", StringComparison.OrdinalIgnoreCase))
        {
            context.Request.Scheme = "http";
        }
    }

    /// <summary>
    /// The rate-limit identity of the client: the address from <c>X-Real-IP</c> on a trusted
    /// connection, else the connection's address. IPv6 clients are grouped by their /64, since
    /// one host usually owns a whole /64, and all loopback addresses are <see cref="LoopbackClient"/>.
    /// </summary>
    public static string ClientKey(HttpContext context)
    {
        var connection = context.Connection;
        IPAddress? address = null;
        if (IsTrusted(connection))
        {
            var header = context.Request.Headers[RealIpHeader];
            if (header.Count == 1 && header[0] is { Length: > 0 and <= MaxAddressLength } text &&
                IPAddress.TryParse(text, out var parsed))
            {
                address = parsed;
            }
        }

        address ??= connection.RemoteIpAddress;
        return address is null ? "local" : Normalize(address);
    }

    internal static string Normalize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return LoopbackClient;
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }
}
