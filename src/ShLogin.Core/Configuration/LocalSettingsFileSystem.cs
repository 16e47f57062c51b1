namespace ShLogin.Configuration;

/// <summary>Reads settings files from the local disk.</summary>
public sealed class LocalSettingsFileSystem : ISettingsFileSystem
{
    public static LocalSettingsFileSystem Instance { get; } = new();

    public bool Exists(string path) => Path.Exists(path);

    public byte[] ReadPrefix(string path, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (Directory.Exists(path))
        {
            throw new IOException("it is a directory");
        }

        // No length check up front: process substitution (/dev/fd/N) and other pipes have none.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        var buffer = new byte[maxBytes];
        var total = 0;
        int read;
        while (total < maxBytes && (read = stream.Read(buffer, total, maxBytes - total)) > 0)
        {
            total += read;
        }

        return buffer[..total];
    }

    public bool IsReadableByOthers(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        const UnixFileMode othersRead = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        return (File.GetUnixFileMode(path) & othersRead) != 0;
    }
}
