using System.Globalization;
using ShLogin.Nginx;

namespace ShLogin.Stack;

/// <summary>Where a program of the stack answers: a unix socket in the runtime directory, or a TCP port.</summary>
public sealed record StackEndpoint
{
    private StackEndpoint(string? socketPath, string host, int port)
    {
        SocketPath = socketPath;
        Host = host;
        Port = port;
    }

    /// <summary>The socket's path, or null for TCP.</summary>
    public string? SocketPath { get; }

    /// <summary>The TCP host (loopback for the hidden programs); empty for a socket.</summary>
    public string Host { get; }

    /// <summary>The TCP port; 0 for a socket.</summary>
    public int Port { get; }

    /// <summary>Whether this is a unix socket.</summary>
    public bool IsUnixSocket => SocketPath is not null;

    /// <summary>A unix socket at <paramref name="path"/>.</summary>
    public static StackEndpoint UnixSocket(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new StackEndpoint(path, string.Empty, 0);
    }

    /// <summary>A TCP port on <paramref name="host"/>.</summary>
    public static StackEndpoint Tcp(string host, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return new StackEndpoint(null, host, port);
    }

    /// <summary>The endpoint as nginx's upstream.</summary>
    public Upstream ToUpstream() => SocketPath is { } path ? Upstream.UnixSocket(path) : Upstream.Tcp(Host, Port);

    /// <summary>The value a program is told its endpoint by (the socket's path or the port number).</summary>
    public string EnvironmentValue => SocketPath ?? Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The URL an HTTP client asks <paramref name="path"/> at (a socket's requests go to localhost).</summary>
    public Uri HttpUri(string path) =>
        new(string.Create(CultureInfo.InvariantCulture, $"http://{(IsUnixSocket ? "localhost" : Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host)}:{(IsUnixSocket ? 80 : Port)}{path}"));

    /// <inheritdoc />
    public override string ToString() => SocketPath is { } path ? "unix:" + path : Host + ":" + Port.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// One program of the stack as data: what to run, its arguments, what its environment gains and
/// loses, where it answers and which path tells it is healthy. A runner (<c>sh-login start</c>'s
/// supervisor, or the Aspire AppHost) starts it its own way; neither decides any of this again.
/// </summary>
public sealed record StackProgram
{
    /// <summary>The resource's name: <c>login</c>, <c>app</c> or <c>nginx</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The program to run (a path or a name looked up on PATH).</summary>
    public required string Command { get; init; }

    /// <summary>Its arguments. Never a secret: other users of the host can read them.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Where it starts; null for the runner's own directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set in its environment (never a secret: see <see cref="SecretEnvironment"/>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Secrets it reads from its environment (the token, the TOTP secret); the runner passes them its own way.</summary>
    public IReadOnlyDictionary<string, string> SecretEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Variables removed from the environment it inherits (the stack's secrets, stale endpoints).</summary>
    public IReadOnlyList<string> RemovedEnvironment { get; init; } = [];

    /// <summary>Where it answers.</summary>
    public required StackEndpoint Endpoint { get; init; }

    /// <summary>The variable it learns <see cref="Endpoint"/> from (already in <see cref="Environment"/>), or null when its arguments say it.</summary>
    public string? EndpointVariable { get; init; }

    /// <summary>The HTTP path that answers below 500 once it is ready, or null when it has none to ask.</summary>
    public string? HealthPath { get; init; }

    // The record's generated ToString would print the secrets.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name).Append(", Command = ").Append(Command).Append(", Endpoint = ").Append(Endpoint);
        return true;
    }
}
