using ShLogin.Files;

namespace ShLogin.Configuration;

/// <summary>Reads settings files from the local disk.</summary>
public sealed class LocalSettingsFileSystem : ISettingsFileSystem
{
    public static LocalSettingsFileSystem Instance { get; } = new();

    public bool Exists(string path) => Path.Exists(path);

    // No length check up front: process substitution (/dev/fd/N) and other pipes have none.
    public byte[] ReadPrefix(string path, int maxBytes) => PrivateFile.ReadOwnSecret(path, maxBytes);
}
