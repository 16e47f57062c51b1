using ShLogin.Files;

namespace ShLogin.Nginx;

/// <summary>Writes the session map file nginx includes: 0600, replaced atomically so nginx never reads half of it.</summary>
public static class NginxSessionMapFile
{
    /// <summary>Replaces the file at <paramref name="path"/> with <paramref name="entries"/> (see <see cref="NginxSessionMap.Render"/>).</summary>
    /// <exception cref="ArgumentException">An entry is not of the accepted form; the file is left as it was.</exception>
    public static void Write(string path, IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = NginxSessionMap.Render(entries);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, PrivateDirectory.Mode);
        }

        PrivateFile.WriteAtomically(path, text);
    }

    /// <summary>Replaces the file with an empty map: every request is then asked of the login service.</summary>
    public static void Clear(string path) => Write(path, []);

    /// <summary>Creates an empty map at <paramref name="path"/> unless a file is there already (nginx refuses to start on a missing include).</summary>
    public static void EnsureExists(string path)
    {
        if (!File.Exists(path))
        {
            Clear(path);
        }
    }
}
