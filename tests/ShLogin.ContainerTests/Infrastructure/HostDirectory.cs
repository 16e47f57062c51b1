namespace ShLogin.ContainerTests.Infrastructure;

/// <summary>
/// A new private (0700) host directory owned by the images' user (uid 1000), for bind mounts:
/// what a user's own notebook directory looks like. Removed with its content on dispose.
/// </summary>
public sealed class HostDirectory : IDisposable
{
    private HostDirectory(string path) => Path = path;

    /// <summary>The absolute path on the host.</summary>
    public string Path { get; }

    /// <summary>Creates the directory and hands it to <see cref="ContainerImages.DefaultUser"/>.</summary>
    public static async Task<HostDirectory> CreateAsync()
    {
        var path = Directory.CreateTempSubdirectory("shl-ctr-").FullName;
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var chown = await ProcessRunner.RunAsync("chown", [ContainerImages.DefaultUser, path], new Dictionary<string, string?>(), TimeSpan.FromSeconds(10));
        Assert.True(chown.ExitCode == 0, chown.ToString());
        return new HostDirectory(path);
    }

    /// <summary>A path inside the directory.</summary>
    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Removes the directory.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
