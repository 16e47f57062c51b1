using ShLogin.Files;

namespace ShLogin.LoginService.Security;

/// <summary>
/// The login service's state (keys, sessions, the used TOTP step) lives in directories only the
/// current user controls (see <see cref="PrivateDirectory"/>) and files only they may read, written
/// through <see cref="PrivateFile"/>.
/// </summary>
internal static class PrivateFiles
{
    /// <summary>
    /// Makes <paramref name="path"/> a private 0700 directory of this user's, creating it when
    /// missing; refuses one that another user owns or could write, or that lies below such a directory.
    /// </summary>
    /// <exception cref="UntrustedPathException">Another user could control it.</exception>
    /// <exception cref="IOException">It cannot be created.</exception>
    public static void EnsureDirectory(string path) => PrivateDirectory.Ensure(path);

    /// <summary>Makes an existing file 0600 if it is more open than that.</summary>
    public static void RestrictFile(string path)
    {
        if (File.Exists(path) && File.GetUnixFileMode(path) != PrivateFile.Mode)
        {
            File.SetUnixFileMode(path, PrivateFile.Mode);
        }
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> atomically, 0600, flushed to disk first.</summary>
    public static void WriteAtomically(string path, string content) => PrivateFile.WriteAtomically(path, content, durable: true);
}
