using ShLogin.Sockets;

namespace ShLogin.LoginService.Hosting;

/// <summary>
/// Unix socket addresses (<c>http://unix:/path/auth.sock</c>): find their paths and clear a stale
/// socket left by a killed process.
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
        if (UnixSocketFile.ClearStale(path) is { } inTheWay)
        {
            throw new LoginServiceOptionsException($"Unix socket {path}: {inTheWay}; accepted: a path that is free or a stale socket.");
        }
    }
}
