namespace ShLogin.Testing.Files;

/// <summary>A new private (0700) directory under the temp directory, removed with everything in it on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    /// <summary>Creates the directory.</summary>
    public TemporaryDirectory()
    {
        // Kept short: unix socket paths inside it must stay under 108 bytes.
        Path = Directory.CreateTempSubdirectory("shl-").FullName;
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The absolute path.</summary>
    public string Path { get; }

    /// <summary>A path inside the directory.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Removes the directory.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process still writing into it; the system temp cleaner takes it later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
