namespace ShLogin.Configuration;

/// <summary>The little file access reading settings needs, replaceable in tests.</summary>
public interface ISettingsFileSystem
{
    /// <summary>Whether anything exists at <paramref name="path"/>.</summary>
    bool Exists(string path);

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> bytes from the start of the file. Throws
    /// <see cref="FileNotFoundException"/>, <see cref="DirectoryNotFoundException"/>,
    /// <see cref="UnauthorizedAccessException"/> or <see cref="IOException"/> as the OS reports.
    /// </summary>
    byte[] ReadPrefix(string path, int maxBytes);

    /// <summary>Whether the file's permissions let its group or everyone read it.</summary>
    bool IsReadableByOthers(string path);
}
