using ShLogin.Sockets;

namespace ShLogin.Demo.Hosting;

/// <summary>
/// The socket file of a unix socket address: ready for a new socket, or one clear line on what is in the way.
/// </summary>
internal static class UnixSocketFiles
{
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

        if (UnixSocketFile.ClearStale(path) is { } inTheWay)
        {
            throw new DemoListenException($"unix socket '{path}': {inTheWay}");
        }
    }
}
