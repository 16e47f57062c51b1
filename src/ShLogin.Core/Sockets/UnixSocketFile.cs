using System.Net.Sockets;

namespace ShLogin.Sockets;

/// <summary>
/// The socket file of a unix socket address: clear one left by a killed process, make a new one
/// private before it accepts anyone, delete it at shutdown.
/// </summary>
public static class UnixSocketFile
{
    /// <summary>Owner read and write: the only mode a listening socket file gets.</summary>
    public const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Makes <paramref name="path"/> free for a new socket: a socket file nobody listens on any more
    /// is removed. Leaves alone, and reports, a socket a process still listens on and anything
    /// other than a socket (a directory, a non-empty file).
    /// </summary>
    /// <returns>Null when the path is free now, else what is in the way, e.g. "a directory is in the way".</returns>
    public static string? ClearStale(string path)
    {
        if (Directory.Exists(path))
        {
            return "a directory is in the way";
        }

        if (!File.Exists(path))
        {
            return null;
        }

        if (IsListening(path))
        {
            return "another process is listening there";
        }

        if (new FileInfo(path).Length != 0)
        {
            return "a regular file is in the way";
        }

        File.Delete(path);
        return null;
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
