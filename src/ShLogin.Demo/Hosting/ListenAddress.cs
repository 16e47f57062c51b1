using System.Globalization;
using System.Net;
using System.Text;

namespace ShLogin.Demo.Hosting;

/// <summary>
/// One place the demo app listens: a unix socket (<c>http://unix:/path/app.sock</c>) or a loopback
/// port (<c>http://127.0.0.1:PORT</c>). Nothing else is accepted, so the app can never be reached
/// from another host without going through ShLogin.
/// </summary>
internal sealed record ListenAddress
{
    public const string Accepted = "http://unix:/absolute/path.sock or http://127.0.0.1:PORT (a loopback address, port 0-65535)";

    /// <summary>Linux keeps socket paths in 108 bytes, the last one a NUL.</summary>
    public const int MaxSocketPathBytes = 107;

    private const string UnixPrefix = "http://unix:";

    private ListenAddress(string url, string? socketPath)
    {
        Url = url;
        SocketPath = socketPath;
    }

    /// <summary>The address in the form Kestrel reads.</summary>
    public string Url { get; }

    /// <summary>The socket file, or null for a loopback port.</summary>
    public string? SocketPath { get; }

    /// <summary>The address for a unix socket at <paramref name="path"/>.</summary>
    /// <exception cref="DemoListenException">The path cannot hold a socket Kestrel can bind.</exception>
    public static ListenAddress ForSocket(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            throw new DemoListenException($"unix socket path {Quoted(path)} is not absolute");
        }

        if (path.Any(char.IsControl) || path.Contains(':', StringComparison.Ordinal))
        {
            throw new DemoListenException($"unix socket path {Quoted(path)} holds a control character or ':'");
        }

        if (Encoding.UTF8.GetByteCount(path) > MaxSocketPathBytes)
        {
            throw new DemoListenException(
                $"unix socket path {Quoted(path)} is too long: at most {MaxSocketPathBytes} bytes; choose a shorter directory");
        }

        if (path.EndsWith('/'))
        {
            throw new DemoListenException($"unix socket path {Quoted(path)} names a directory, not a file");
        }

        return new ListenAddress(UnixPrefix + path, path);
    }

    /// <summary>The address for a loopback port.</summary>
    public static ListenAddress ForLoopbackPort(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IPAddress.IsLoopback(address))
        {
            throw new DemoListenException($"address {address} is not a loopback address");
        }

        if (port is < 0 or > 65535)
        {
            throw new DemoListenException(string.Create(CultureInfo.InvariantCulture, $"port {port} is not in 0-65535"));
        }

        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return new ListenAddress(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}"), socketPath: null);
    }

    /// <summary>Reads a URL given to <see cref="DemoApp.Create"/>.</summary>
    /// <exception cref="DemoListenException">It is neither of the accepted forms.</exception>
    public static ListenAddress Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.StartsWith(UnixPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ForSocket(url[UnixPrefix.Length..]);
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttp
            && uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && uri.UserInfo.Length == 0
            && uri.PathAndQuery == "/"
            && uri.Fragment.Length == 0
            && !url.EndsWith('?')
            && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)
            && IPAddress.IsLoopback(address))
        {
            return ForLoopbackPort(address, uri.Port);
        }

        throw new DemoListenException($"listen address {Quoted(url)} is not valid: expected {Accepted}");
    }

    private static string Quoted(string text) =>
        "'" + string.Concat(text.Select(c => char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}") : c.ToString())) + "'";
}
