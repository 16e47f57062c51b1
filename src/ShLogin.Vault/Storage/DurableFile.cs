using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ShLogin.Vault.Storage;

/// <summary>
/// Replaces a file so that a crash at any moment leaves either the old or the new content: a new
/// 0600 file with an unpredictable name (<c>O_CREAT|O_EXCL</c>, which refuses a planted link),
/// written and fsynced, renamed over the target, then the directory fsynced so the rename itself
/// survives a power cut.
/// </summary>
internal static partial class DurableFile
{
    /// <summary>
    /// Test hook: <c>N:PATH</c> makes the N-th replacement of this process (a save replaces the
    /// backup, then the vault) create PATH and wait forever just before its rename, so a test can
    /// kill the process at the worst moment.
    /// </summary>
    internal const string HoldBeforeRenameVariable = "SH_LOGIN_OTP_TEST_HOLD_BEFORE_RENAME";

    private static int _replacements;

    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000;
    private const int OCloExec = 0x80000;

    public static void Replace(string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(path) ?? "/";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(12))}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            HoldIfAsked();
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        SyncDirectory(directory);
    }

    private static void HoldIfAsked()
    {
        var count = Interlocked.Increment(ref _replacements);
        if (Environment.GetEnvironmentVariable(HoldBeforeRenameVariable) is { Length: > 0 } hook
            && hook.Split(':', 2) is [var n, var marker]
            && n == count.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            File.WriteAllText(marker, "holding\n");
            Thread.Sleep(Timeout.Infinite);
        }
    }

    private static void SyncDirectory(string directory)
    {
        var descriptor = Open(directory, ORdOnly | ODirectory | OCloExec);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open {directory} to flush it: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        try
        {
            if (FSync(descriptor) != 0)
            {
                throw new IOException($"cannot flush {directory}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
