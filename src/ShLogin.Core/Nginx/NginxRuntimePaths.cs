namespace ShLogin.Nginx;

/// <summary>
/// Where a generated nginx keeps its files: all inside <see cref="Directory"/>, a subdirectory of
/// the private runtime directory. The caller creates <see cref="Directory"/> (mode 0700) before
/// starting nginx; nginx creates its temp directories inside it.
/// </summary>
public sealed record NginxRuntimePaths
{
    /// <summary>Derives the paths from the runtime directory.</summary>
    /// <exception cref="ArgumentException">The directory is not absolute or has characters nginx cannot take.</exception>
    public NginxRuntimePaths(string runtimeDirectory)
    {
        ArgumentNullException.ThrowIfNull(runtimeDirectory);
        if (!runtimeDirectory.StartsWith('/'))
        {
            throw new ArgumentException($"Runtime directory {Printable.Of(runtimeDirectory)} must be an absolute path.", nameof(runtimeDirectory));
        }

        NginxValue.EnsureSafe(runtimeDirectory, $"Runtime directory {Printable.Of(runtimeDirectory)}");
        var trimmed = runtimeDirectory.TrimEnd('/');
        RuntimeDirectory = trimmed.Length == 0 ? "/" : trimmed;
        Directory = Path.Combine(RuntimeDirectory, "nginx");
    }

    /// <summary>The private runtime directory.</summary>
    public string RuntimeDirectory { get; }

    /// <summary>nginx's own directory: config, pid file and temp directories.</summary>
    public string Directory { get; }

    /// <summary>Where the generated config is written (mode 0600).</summary>
    public string ConfigFile => Path.Combine(Directory, "nginx.conf");

    /// <summary>The master's pid file.</summary>
    public string PidFile => Path.Combine(Directory, "nginx.pid");

    /// <summary>
    /// The directory of session files nginx's gate tests (see <see cref="NginxSessionGate"/>),
    /// kept by the login service.
    /// </summary>
    public string SessionGateDirectory => Path.Combine(Directory, "sessions");

    /// <summary>
    /// The file whose presence lets nginx forward to an app on a loopback port (see
    /// <see cref="NginxSiteOptions.AppAvailableFile"/>): there only while the app runs and its
    /// listener is known to be its own.
    /// </summary>
    public string AppAvailableFile => Path.Combine(Directory, "app-verified");

    /// <summary>The lock file (unused on Linux, but nginx must not fall back to a system path).</summary>
    public string LockFile => Path.Combine(Directory, "nginx.lock");

    /// <summary>A temp directory nginx creates for one kind of buffered data.</summary>
    internal string TempDirectory(string kind) => Path.Combine(Directory, kind + "_temp");
}
