using System.Net.Sockets;

namespace ShLogin.Demo.Hosting;

/// <summary>
/// The socket file of a unix socket address: clear one left by a killed process, make a new one
/// private before it accepts anyone, delete it at shutdown.
/// </summary>
internal static class UnixSocketFiles
{
    public const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Makes <paramref name="path"/> ready for a new socket: its directory must exist, and a socket
    /// file nobody listens on any more is removed. Refuses when a process still listens there, or
    /// when something other than a socket is in the way (a directory, a non-empty file).
    /// </summary>
    /// <exception cref="DemoListenException">The path cannot take a socket.</exception>
    public static void PrepareForBind(string path)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            throw new DemoListenException($"unix socket '{path}': directory '{directory}' does not exist");
        }

        if (Directory.Exists(path))
        {
            throw new DemoListenException($"unix socket '{path}': a directory is in the way");
        }

        if (!File.Exists(path))
        {
            return;
        }

        if (IsListening(path))
        {
            throw new DemoListenException($"unix socket '{path}': another process is listening there");
        }

        if (new FileInfo(path).Length != 0)
        {
            throw new DemoListenException($"unix socket '{path}': a regular file is in the way");
        }

        File.Delete(path);
    }

    /// <summary>
    /// Makes a just-bound socket 0600. Kestrel binds, then listens: in between nobody can connect,
    /// so the socket is private before it accepts a single connection.
    /// </summary>
    public static void MakePrivate(UnixDomainSocketEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.ToString() is { Length: > 0 } path && File.Exists(path))
        {
            File.SetUnixFileMode(path, PrivateMode);
        }
    }

    /// <summary>Deletes the socket file at shutdown; failures do not matter then.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool IsListening(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
