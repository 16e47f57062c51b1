using ShLogin.Files;
using ShLogin.Nginx;

namespace ShLogin.Stack;

/// <summary>
/// The private directory of a running stack (mode 0700): nginx's config and temp files, the
/// sockets, the login service's keys and sessions. Removed at the end only if it was created here.
/// </summary>
public sealed class RuntimeDirectory : IDisposable
{
    private RuntimeDirectory(string path, bool created)
    {
        Path = path;
        Created = created;
    }

    /// <summary>The absolute path.</summary>
    public string Path { get; }

    /// <summary>True when this process created the directory (and so removes it).</summary>
    public bool Created { get; }

    // The generated name is "sh-login." and 8 random characters; the longest socket name is the login service's.
    private const string GeneratedPrefix = "sh-login.";
    private const int GeneratedSuffixLength = 8;
    private const string LongestSocketName = "auth.sock";

    /// <summary>The login service's unix socket.</summary>
    public string AuthSocket => Combine(LongestSocketName);

    /// <summary>The workload's unix socket, for workloads that can listen on one.</summary>
    public string AppSocket => Combine("app.sock");

    /// <summary>The login service's keys and sessions.</summary>
    public string LoginDataDirectory => Combine("login");

    /// <summary>A path inside the directory.</summary>
    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>
    /// Uses <paramref name="requested"/> (created 0700 if missing; an existing one must belong to
    /// this user and is tightened to 0700), or creates <c>sh-login.XXXXXXXX</c> under
    /// <paramref name="temporaryRoot"/>. Either way the path must pass <see cref="PathTrust"/>: no
    /// directory on the way (nor the directory itself) that another user owns or can write.
    /// </summary>
    /// <exception cref="UntrustedPathException">Another user could control the directory or the way to it.</exception>
    /// <exception cref="IOException">The directory cannot be made or used.</exception>
    public static RuntimeDirectory Create(string? requested, string temporaryRoot)
    {
        if (requested is null)
        {
            var parent = PrivateDirectory.EnsureTrusted(temporaryRoot);
            return new RuntimeDirectory(PrivateDirectory.CreateUnique(parent, GeneratedPrefix, GeneratedSuffixLength), created: true);
        }

        var (path, created) = PrivateDirectory.Ensure(requested);
        return new RuntimeDirectory(path, created);
    }

    /// <summary>
    /// Why a runtime directory at <paramref name="directory"/> (or, with <paramref name="generatedUnder"/>,
    /// one made under it) could not hold the stack's unix sockets, or null when it can: the kernel
    /// limits a socket's path to <see cref="Upstream.MaxUnixSocketPathBytes"/> bytes, and clusters
    /// often set a long TMPDIR.
    /// </summary>
    /// <param name="directory">The directory asked for, or the parent a new one is made under.</param>
    /// <param name="generatedUnder">True when <paramref name="directory"/> is the parent of a new <c>sh-login.XXXXXXXX</c>.</param>
    public static string? SocketPathProblem(string directory, bool generatedUnder)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var runtime = System.IO.Path.GetFullPath(directory);
        if (generatedUnder)
        {
            runtime = System.IO.Path.Combine(runtime, GeneratedPrefix + new string('X', GeneratedSuffixLength));
        }

        var socket = System.IO.Path.Combine(runtime, LongestSocketName);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(socket);
        return bytes > Upstream.MaxUnixSocketPathBytes
            ? $"its unix sockets would get {bytes}-byte paths such as {socket}, and the system allows {Upstream.MaxUnixSocketPathBytes}"
            : null;
    }

    /// <summary>Creates a private subdirectory (0700) and returns its path.</summary>
    public string CreateSubdirectory(string name)
    {
        var path = Combine(name);
        Directory.CreateDirectory(path, PrivateDirectory.Mode);
        File.SetUnixFileMode(path, PrivateDirectory.Mode);
        return path;
    }

    /// <summary>Removes the directory if it was created here; otherwise removes only the sockets.</summary>
    public void Dispose()
    {
        try
        {
            if (Created)
            {
                Directory.Delete(Path, recursive: true);
            }
            else
            {
                File.Delete(AuthSocket);
                File.Delete(AppSocket);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
