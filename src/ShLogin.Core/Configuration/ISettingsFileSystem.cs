namespace ShLogin.Configuration;

/// <summary>The little file access reading settings needs, replaceable in tests.</summary>
public interface ISettingsFileSystem
{
    /// <summary>Whether anything exists at <paramref name="path"/>.</summary>
    bool Exists(string path);

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> bytes from the start of a secret file, which must be
    /// the invoking user's own and neither readable nor writable by group or others (see
    /// <see cref="Files.PrivateFile.ReadOwnSecret"/>): else <see cref="Files.UntrustedPathException"/>.
    /// Otherwise throws <see cref="FileNotFoundException"/>, <see cref="DirectoryNotFoundException"/>,
    /// <see cref="UnauthorizedAccessException"/> or <see cref="IOException"/> as the OS reports.
    /// </summary>
    byte[] ReadPrefix(string path, int maxBytes);
}
