using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ShLogin.Nginx;

/// <summary>
/// Where nginx forwards requests: a TCP address (<c>127.0.0.1:8888</c>, <c>localhost:8888</c>,
/// <c>[::1]:8888</c>) or a unix socket (<c>unix:/absolute/path.sock</c>).
/// </summary>
public sealed record Upstream
{
    /// <summary>The longest unix socket path the kernel accepts (sun_path without its final NUL).</summary>
    public const int MaxUnixSocketPathBytes = 107;

    private const string UnixPrefix = "unix:";

    private const string Accepted =
        "use HOST:PORT (e.g. 127.0.0.1:8888 or [::1]:8888), a port alone for 127.0.0.1, or unix:/absolute/path.sock";

    private Upstream(string? host, int port, string? socketPath)
    {
        Host = host;
        Port = port;
        SocketPath = socketPath;
    }

    /// <summary>The TCP host (IPv6 without brackets), or null for a unix socket.</summary>
    public string? Host { get; }

    /// <summary>The TCP port, or 0 for a unix socket.</summary>
    public int Port { get; }

    /// <summary>The absolute socket path, or null for TCP.</summary>
    public string? SocketPath { get; }

    /// <summary>Whether this is a unix socket.</summary>
    [MemberNotNullWhen(true, nameof(SocketPath))]
    [MemberNotNullWhen(false, nameof(Host))]
    public bool IsUnixSocket => SocketPath is not null;

    /// <summary>A TCP upstream.</summary>
    /// <exception cref="ArgumentException">The host or port is not valid.</exception>
    public static Upstream Tcp(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        var problem = HostName.FindProblem(host);
        if (problem is not null)
        {
            throw new ArgumentException($"Upstream host {Printable.Of(host)}: {problem}.", nameof(host));
        }

        if (port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "An upstream port must be from 1 to 65535.");
        }

        return new Upstream(host, port, null);
    }

    /// <summary>A unix socket upstream.</summary>
    /// <exception cref="ArgumentException">The path is not absolute, too long, or has characters nginx cannot take.</exception>
    public static Upstream UnixSocket(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var problem = FindSocketPathProblem(path);
        if (problem is not null)
        {
            throw new ArgumentException($"Unix socket path {Printable.Of(path)}: {problem}.", nameof(path));
        }

        return new Upstream(null, 0, path);
    }

    /// <summary>Parses user text; see <see cref="TryParse"/> for the accepted forms.</summary>
    /// <exception cref="FormatException">The text is not an upstream; the message says why and what is accepted.</exception>
    public static Upstream Parse(string text)
    {
        return TryParse(text, out var upstream, out var error) ? upstream : throw new FormatException(error);
    }

    /// <summary>
    /// Parses <c>HOST:PORT</c>, <c>[IPv6]:PORT</c>, a bare <c>PORT</c> (meaning 127.0.0.1) or
    /// <c>unix:/absolute/path</c>. On failure <paramref name="error"/> is one line naming the text,
    /// what is wrong with it and what is accepted.
    /// </summary>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out Upstream? upstream,
        [NotNullWhen(false)] out string? error)
    {
        upstream = null;
        var problem = Classify(text, ref upstream);
        error = problem is null ? null : $"{Printable.Of(text)} is not a valid upstream: {problem}; {Accepted}.";
        return problem is null;
    }

    /// <summary>The address as nginx writes it in a <c>server</c> line: <c>127.0.0.1:8888</c>, <c>[::1]:8888</c> or <c>unix:/path</c>.</summary>
    public override string ToString() => IsUnixSocket ? UnixPrefix + SocketPath : $"{HostName.Format(Host)}:{Port}";

    private static string? Classify(string? text, ref Upstream? upstream)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "it is empty";
        }

        if (text.StartsWith(UnixPrefix, StringComparison.Ordinal))
        {
            var path = text[UnixPrefix.Length..];
            var pathProblem = FindSocketPathProblem(path);
            if (pathProblem is null)
            {
                upstream = new Upstream(null, 0, path);
            }

            return pathProblem;
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            return "a URL is not an upstream (leave out the scheme and any path)";
        }

        var problem = HostAndPort.TryParse(text, out var host, out var port);
        if (problem is null)
        {
            upstream = new Upstream(host ?? "127.0.0.1", port, null);
        }

        return problem;
    }

    private static string? FindSocketPathProblem(string path)
    {
        if (!path.StartsWith('/'))
        {
            return "the socket path must be absolute";
        }

        if (path.EndsWith('/'))
        {
            return "the socket path names a directory";
        }

        if (Encoding.UTF8.GetByteCount(path) > MaxUnixSocketPathBytes)
        {
            return $"the socket path is longer than the {MaxUnixSocketPathBytes} bytes a unix socket allows (choose a shorter runtime directory)";
        }

        if (path.Contains(':', StringComparison.Ordinal))
        {
            return "the socket path must not contain ':'";
        }

        return NginxValue.FindProblem(path) is { } problem ? $"the socket path {problem}" : null;
    }
}
