using System.Text;
using ShLogin.Configuration;
using ShLogin.Nginx;

namespace ShLogin.Cli.Commands.Serve;

/// <summary>Where <c>sh-login serve</c> listens, in Kestrel's and in nginx's words.</summary>
/// <param name="Url">For Kestrel: <c>http://127.0.0.1:PORT</c> or <c>http://unix:/path</c>.</param>
/// <param name="Upstream">For <c>sh-login nginx-conf --auth-upstream</c>.</param>
internal sealed record ServeListenAddress(string Url, Upstream Upstream)
{
    public const string SocketOption = "--socket";

    public const string SocketAccepted = "an absolute path (or one relative to the working directory) of at most 107 bytes, "
        + "without ':' or control characters, in an existing directory";

    /// <summary>The address used when neither a port nor a socket is given: the one <c>sh-login nginx-conf</c> assumes.</summary>
    public static ServeListenAddress Default { get; } = Tcp(Upstream.Parse(NginxConfCommand.DefaultAuthUpstream).Port);

    /// <summary>
    /// A configured port (<c>--auth-port</c>, <c>SH_LOGIN_AUTH_PORT</c>, <c>SH_LOGIN_FLASK_PORT</c>) wins;
    /// else <c>--socket</c>; else <see cref="Default"/>.
    /// </summary>
    /// <param name="authPort">The port the settings name, if any.</param>
    /// <param name="socketPath">The <c>--socket</c> value, if given.</param>
    /// <param name="workingDirectory">What a relative socket path is resolved against.</param>
    public static ServeListenAddress Choose(int? authPort, string? socketPath, string workingDirectory)
    {
        if (authPort is { } port)
        {
            return Tcp(port);
        }

        return socketPath is null ? Default : UnixSocket(socketPath, workingDirectory);
    }

    /// <summary>Loopback TCP on <paramref name="port"/>.</summary>
    public static ServeListenAddress Tcp(int port) =>
        new($"http://127.0.0.1:{port}", Upstream.Tcp("127.0.0.1", port));

    /// <summary>A unix socket at <paramref name="path"/>, checked before anything binds it.</summary>
    /// <exception cref="ConfigurationException">The path cannot hold a socket; the message names <c>--socket</c>.</exception>
    public static ServeListenAddress UnixSocket(string path, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.Any(char.IsControl))
        {
            throw new ConfigurationException(SocketOption, path, SocketAccepted);
        }

        var fullPath = Path.GetFullPath(path, workingDirectory);
        var reason = FindSocketPathProblem(fullPath);
        if (reason is not null)
        {
            throw new ConfigurationException(SocketOption, path, SocketAccepted, reason);
        }

        return new($"http://unix:{fullPath}", Upstream.UnixSocket(fullPath));
    }

    /// <summary>How the listening line names the address: a URL for TCP, the socket path otherwise.</summary>
    public string Describe() => Upstream.IsUnixSocket ? $"unix socket {Upstream.SocketPath}" : Url;

    private static string? FindSocketPathProblem(string fullPath)
    {
        if (fullPath.EndsWith('/'))
        {
            return "it names a directory";
        }

        if (Encoding.UTF8.GetByteCount(fullPath) > Upstream.MaxUnixSocketPathBytes)
        {
            return $"it is longer than the {Upstream.MaxUnixSocketPathBytes} bytes a unix socket path may have";
        }

        if (fullPath.Contains(':', StringComparison.Ordinal) || fullPath.Contains('"', StringComparison.Ordinal)
            || fullPath.Contains('\\', StringComparison.Ordinal))
        {
            return "it contains ':', '\"' or '\\'";
        }

        if (Directory.Exists(fullPath))
        {
            return "a directory is in the way";
        }

        var directory = Path.GetDirectoryName(fullPath);
        return directory is not null && Directory.Exists(directory) ? null : "its directory does not exist";
    }
}
