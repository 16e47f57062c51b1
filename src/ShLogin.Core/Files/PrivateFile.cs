using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;

namespace ShLogin.Files;

/// <summary>
/// The one way ShLogin writes a file (ready file, nginx config, session map, sessions, TOTP step)
/// and reads a secret file. Writing goes to a new 0600 file with an unpredictable name, created
/// with <c>O_CREAT|O_EXCL</c> (which also refuses a symbolic link planted at that name), then
/// renamed over the target: rename replaces a link at the target instead of following it, and a
/// reader sees the old or the new file, never half of one.
/// </summary>
public static partial class PrivateFile
{
    /// <summary>0600.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode ReadOrWriteByOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> (UTF-8), atomically and 0600.</summary>
    /// <param name="path">The file; its directory must exist.</param>
    /// <param name="content">The new content.</param>
    /// <param name="durable">Flush to disk before the rename, for state that must survive a crash.</param>
    public static void WriteAtomically(string path, string content, bool durable = false)
    {
        ArgumentNullException.ThrowIfNull(content);
        WriteAtomically(path, stream => stream.Write(Encoding.UTF8.GetBytes(content)), durable);
    }

    /// <summary>Replaces <paramref name="path"/> with what <paramref name="write"/> writes, atomically and 0600.</summary>
    /// <param name="path">The file; its directory must exist.</param>
    /// <param name="write">Writes the content to the new file.</param>
    /// <param name="durable">Flush to disk before the rename, for state that must survive a crash.</param>
    public static void WriteAtomically(string path, Action<Stream> write, bool durable = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? "/";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(12))}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = Mode,
        };
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                write(stream);
                stream.Flush(flushToDisk: durable);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> bytes of a secret file that must be the invoking
    /// user's own and neither readable nor writable by group or others. A symbolic link at the last
    /// component is not followed, except this process's own descriptors (<c>/dev/fd/N</c> of a
    /// process substitution); owner and mode are checked on the opened file, so nothing can be
    /// swapped in between. A pipe is read until its writer closes it or the limit is reached.
    /// </summary>
    /// <exception cref="UntrustedPathException">Another owner, group/other access, a link, or not a file or pipe.</exception>
    /// <exception cref="FileNotFoundException">It does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">A directory on the way does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">It may not be read.</exception>
    /// <exception cref="IOException">It is a directory or cannot be read.</exception>
    public static byte[] ReadOwnSecret(string path, int maxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        using var handle = OpenWithoutFollowing(path);
        var descriptor = (int)handle.DangerousGetHandle();
        var error = NativeFiles.FStat(descriptor, out var status);
        if (error != 0)
        {
            throw new IOException($"{path} cannot be examined: {Marshal.GetPInvokeErrorMessage(error)}");
        }

        RequireOwnSecret(path, status, UserAccounts.EffectiveUserId);

        // Opened non-blocking so that a planted pipe cannot hang start-up; ours is read blocking.
        var flags = NativeFiles.Fcntl(descriptor, NativeFiles.FGetFl, 0);
        if (flags >= 0)
        {
            NativeFiles.Fcntl(descriptor, NativeFiles.FSetFl, flags & ~NativeFiles.ONonBlock);
        }

        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 1);
        var buffer = new byte[maxBytes];
        var total = 0;
        int read;
        while (total < maxBytes && (read = stream.Read(buffer, total, maxBytes - total)) > 0)
        {
            total += read;
        }

        return buffer[..total];
    }

    /// <summary>The rule <see cref="ReadOwnSecret"/> applies to the opened file.</summary>
    /// <exception cref="UntrustedPathException">The file breaks it.</exception>
    /// <exception cref="IOException">It is a directory.</exception>
    public static void RequireOwnSecret(string path, FileStatus status, uint user)
    {
        if (status.Kind == FileKind.Directory)
        {
            throw new IOException("it is a directory");
        }

        if (status.Kind is not (FileKind.Regular or FileKind.Fifo))
        {
            throw new UntrustedPathException(path, $"{path} is not a regular file or a pipe", "give the path of a file");
        }

        if (status.OwnerId != user)
        {
            throw new UntrustedPathException(
                path,
                $"{path} is owned by {UserAccounts.Describe(status.OwnerId)}, not by you, {UserAccounts.Describe(user)}",
                $"use a file of your own, e.g. chown {UserAccounts.ChownName(user)} {path}; chmod 600 {path}");
        }

        if ((status.Mode & ReadOrWriteByOthers) != 0)
        {
            throw new UntrustedPathException(
                path,
                $"{path} can be read or written by group or others (mode {status.OctalMode})",
                $"chmod 600 {path}");
        }
    }

    private static SafeFileHandle OpenWithoutFollowing(string path)
    {
        var flags = NativeFiles.ORdOnly | NativeFiles.ONonBlock | NativeFiles.OCloExec;
        var descriptor = NativeFiles.Open(path, flags | NativeFiles.ONoFollow, 0);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (error == NativeFiles.ELOOP && OwnDescriptorPath().IsMatch(path))
            {
                // The kernel's link to an open descriptor of this process: the check on what it opens still applies.
                descriptor = NativeFiles.Open(path, flags, 0);
                error = descriptor < 0 ? Marshal.GetLastPInvokeError() : 0;
            }

            if (descriptor < 0)
            {
                throw error switch
                {
                    NativeFiles.ELOOP => new UntrustedPathException(
                        path, $"{path} is a symbolic link, which is not followed for a secret", "give the path of the file itself"),
                    NativeFiles.ENOENT when !Directory.Exists(Path.GetDirectoryName(path)) =>
                        new DirectoryNotFoundException("a directory on the way does not exist: " + path),
                    NativeFiles.ENOENT => new FileNotFoundException("no such file", path),
                    NativeFiles.ENOTDIR => new DirectoryNotFoundException("a directory on the way does not exist: " + path),
                    NativeFiles.EACCES => new UnauthorizedAccessException("permission denied: " + path),
                    _ => new IOException(Marshal.GetPInvokeErrorMessage(error)),
                };
            }
        }

        return new SafeFileHandle(descriptor, ownsHandle: true);
    }

    [GeneratedRegex("^(/dev/fd/[0-9]+|/dev/stdin|/proc/(self|thread-self|[0-9]+)/fd/[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnDescriptorPath();
}
