using System.Security.Cryptography;
using System.Text;

namespace ShLogin.LoginService.Security;

/// <summary>Files and directories only the current user may read: directories 0700, files 0600.</summary>
internal static class PrivateFiles
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates <paramref name="path"/> as a 0700 directory when missing. An existing directory is
    /// left as it is unless <paramref name="enforceMode"/> (for directories the service owns).
    /// </summary>
    public static void EnsureDirectory(string path, bool enforceMode)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, DirectoryMode);
            // CreateDirectory applies the umask; make sure of the exact mode.
            File.SetUnixFileMode(path, DirectoryMode);
        }
        else if (enforceMode && File.GetUnixFileMode(path) != DirectoryMode)
        {
            File.SetUnixFileMode(path, DirectoryMode);
        }
    }

    /// <summary>Makes an existing file 0600 if it is more open than that.</summary>
    public static void RestrictFile(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && File.GetUnixFileMode(path) != FileMode)
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/> atomically: written to a
    /// new 0600 file beside it, flushed to disk, then renamed over the old one. A reader sees the
    /// old or the new file, never half of one.
    /// </summary>
    public static void WriteAtomically(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}.tmp");
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                var bytes = Encoding.UTF8.GetBytes(content);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
