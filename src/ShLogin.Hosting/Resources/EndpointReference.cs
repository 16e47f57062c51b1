using System.Globalization;
using ShLogin.Stack;

namespace ShLogin.Hosting.Resources;

/// <summary>
/// Where a resource listens: a loopback TCP port or a unix socket. Fixed when the application is
/// built, so every reference to it sees the same address.
/// </summary>
public sealed record EndpointReference
{
    private EndpointReference(string name, string host, int port, string? socketPath)
    {
        Name = name;
        Host = host;
        Port = port;
        SocketPath = socketPath;
    }

    /// <summary>The endpoint's name within its resource (e.g. <c>http</c>).</summary>
    public string Name { get; }

    /// <summary>Host of a TCP endpoint.</summary>
    public string Host { get; }

    /// <summary>Port of a TCP endpoint; 0 for a unix socket.</summary>
    public int Port { get; }

    /// <summary>Path of a unix-socket endpoint; null for TCP.</summary>
    public string? SocketPath { get; }

    /// <summary>True for a unix socket.</summary>
    public bool IsUnixSocket => SocketPath is not null;

    /// <summary>A TCP endpoint.</summary>
    public static EndpointReference Tcp(string name, string host, int port)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return new(name, host, port, null);
    }

    /// <summary>A unix-socket endpoint.</summary>
    public static EndpointReference Unix(string name, string socketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        if (!Path.IsPathRooted(socketPath))
        {
            throw new ArgumentException("A socket path must be absolute.", nameof(socketPath));
        }

        return new(name, "localhost", 0, socketPath);
    }

    /// <summary>The address as nginx writes it in an upstream: <c>127.0.0.1:8080</c> or <c>unix:/path</c>.</summary>
    public string UpstreamAddress => IsUnixSocket
        ? "unix:" + SocketPath
        : string.Create(CultureInfo.InvariantCulture, $"{HostForUrl}:{Port}");

    /// <summary>The URL Kestrel listens on: <c>http://127.0.0.1:8080</c> or <c>http://unix:/path</c>.</summary>
    public string ListenUrl => IsUnixSocket
        ? "http://unix:" + SocketPath
        : string.Create(CultureInfo.InvariantCulture, $"http://{HostForUrl}:{Port}");

    /// <summary>A display form for tables and logs.</summary>
    public override string ToString() => IsUnixSocket ? "unix:" + SocketPath : ListenUrl;

    private string HostForUrl => Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host;
}
