using System.Net.Sockets;
using ShLogin.LoginService.Security;

namespace ShLogin.LoginService.Hosting;

/// <summary>
/// Unix socket addresses (<c>http://unix:/path/auth.sock</c>): find their paths, clear a stale
/// socket left by a killed process, and make a new socket private before it accepts anyone.
/// </summary>
internal static class UnixSocketFiles
{
    private const string Prefix = "http://unix:";

    /// <summary>The socket paths among <paramref name="urls"/>.</summary>
    public static IReadOnlyList<string> PathsOf(IEnumerable<string> urls) =>
        urls.Select(PathOf).OfType<string>().ToList();

    /// <summary>The socket path of a <c>http://unix:/path</c> address, or null for other addresses.</summary>
    public static string? PathOf(string url)
    {
        if (!url.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Kestrel reads "http://unix:/path:/pathbase"; socket paths here never hold ':'.
        var path = url[Prefix.Length..];
        var colon = path.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? path[..colon] : path;
    }

    /// <summary>
    /// Removes a socket file nobody listens on any more. Refuses when a process still listens
    /// there, or when the path is something other than a socket (a non-empty file, a directory).
    /// </summary>
    public static void RemoveStale(string path)
    {
        if (Directory.Exists(path))
        {
            throw new LoginServiceOptionsException($"Unix socket {path}: a directory is in the way; accepted: a path that is free or a stale socket.");
        }

        if (!File.Exists(path))
        {
            return;
        }

        if (IsListening(path))
        {
            throw new LoginServiceOptionsException($"Unix socket {path}: another process is listening there; accepted: a path that is free or a stale socket.");
        }

        if (new FileInfo(path).Length != 0)
        {
            throw new LoginServiceOptionsException($"Unix socket {path}: a regular file is in the way; accepted: a path that is free or a stale socket.");
        }

        File.Delete(path);
    }

    /// <summary>
    /// Makes a just-bound socket 0600. Kestrel binds, then listens: between the two nobody can
    /// connect, so the socket is private before it accepts a single connection.
    /// </summary>
    public static void MakePrivate(UnixDomainSocketEndPoint endpoint)
    {
        if (!OperatingSystem.IsWindows() && endpoint.ToString() is { Length: > 0 } path && File.Exists(path))
        {
            File.SetUnixFileMode(path, PrivateFiles.FileMode);
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
