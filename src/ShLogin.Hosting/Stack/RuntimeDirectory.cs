namespace ShLogin.Hosting.Stack;

/// <summary>
/// The private directory of a running stack (mode 0700): nginx's config and temp files, the
/// sockets, the login service's keys and sessions. Removed at the end only if it was created here.
/// </summary>
public sealed class RuntimeDirectory : IDisposable
{
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private RuntimeDirectory(string path, bool created)
    {
        Path = path;
        Created = created;
    }

    /// <summary>The absolute path.</summary>
    public string Path { get; }

    /// <summary>True when this process created the directory (and so removes it).</summary>
    public bool Created { get; }

    /// <summary>The login service's unix socket.</summary>
    public string AuthSocket => Combine("auth.sock");

    /// <summary>The workload's unix socket, for workloads that can listen on one.</summary>
    public string AppSocket => Combine("app.sock");

    /// <summary>The login service's keys and sessions.</summary>
    public string LoginDataDirectory => Combine("login");

    /// <summary>A path inside the directory.</summary>
    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>
    /// Uses <paramref name="requested"/> (created 0700 if missing; an existing one must belong to
    /// this user and is tightened to 0700), or creates <c>sh-login.XXXXXX</c> under
    /// <paramref name="temporaryRoot"/>.
    /// </summary>
    /// <exception cref="IOException">The directory cannot be made or used.</exception>
    public static RuntimeDirectory Create(string? requested, string temporaryRoot)
    {
        if (requested is null)
        {
            Directory.CreateDirectory(temporaryRoot);
            var created = CreateUniqueDirectory(System.IO.Path.GetFullPath(temporaryRoot), "sh-login.");
            File.SetUnixFileMode(created, PrivateDirectory);
            return new RuntimeDirectory(created, created: true);
        }

        var path = System.IO.Path.GetFullPath(requested);
        var existed = Directory.Exists(path);
        if (!existed)
        {
            Directory.CreateDirectory(path, PrivateDirectory);
        }

        File.SetUnixFileMode(path, PrivateDirectory);
        return new RuntimeDirectory(path, created: !existed);
    }

    // Directory.CreateTempSubdirectory only creates under Path.GetTempPath() (its prefix may not
    // contain a directory), so the name is drawn here: a random suffix, 0700 from the start.
    private static string CreateUniqueDirectory(string parent, string prefix)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var path = System.IO.Path.Combine(parent, prefix + System.Security.Cryptography.RandomNumberGenerator.GetString(Alphabet, 8));
            if (!Directory.Exists(path) && !File.Exists(path))
            {
                Directory.CreateDirectory(path, PrivateDirectory);
                return path;
            }
        }

        throw new IOException($"No unused name for a runtime directory in {parent}.");
    }

    /// <summary>Creates a private subdirectory (0700) and returns its path.</summary>
    public string CreateSubdirectory(string name)
    {
        var path = Combine(name);
        Directory.CreateDirectory(path, PrivateDirectory);
        File.SetUnixFileMode(path, PrivateDirectory);
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
