using System.Globalization;
using System.Runtime.InteropServices;

namespace ShLogin.Supervisor.Processes;

/// <summary>POSIX signals sent to whole process groups, so a workload's children (kernels, shells) stop with it.</summary>
public static partial class Signals
{
    /// <summary>SIGHUP: the terminal or SSH session went away.</summary>
    public const int SigHup = 1;

    /// <summary>SIGINT.</summary>
    public const int SigInt = 2;

    /// <summary>SIGQUIT (nginx: graceful shutdown).</summary>
    public const int SigQuit = 3;

    /// <summary>SIGKILL.</summary>
    public const int SigKill = 9;

    /// <summary>SIGTERM.</summary>
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to the process group led by <paramref name="processGroupId"/>; false if none is left.</summary>
    public static bool SendToGroup(int processGroupId, int signal) =>
        processGroupId > 1 && Kill(-processGroupId, signal) == 0;

    /// <summary>Sends <paramref name="signal"/> to one process; false if it is gone.</summary>
    public static bool Send(int processId, int signal) =>
        processId > 1 && Kill(processId, signal) == 0;

    /// <summary>True while any process of the group is alive.</summary>
    public static bool GroupExists(int processGroupId) =>
        processGroupId > 1 && Kill(-processGroupId, 0) == 0;

    /// <summary>
    /// True when this process was started with <paramref name="signal"/> ignored: <c>nohup</c>
    /// ignores SIGHUP, a shell's background jobs ignore SIGINT. That choice of the caller is kept.
    /// </summary>
    /// <param name="signal">A signal number 1-64.</param>
    public static bool IsIgnored(int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(signal, 64);
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("SigIgn:", StringComparison.Ordinal)
                    && ulong.TryParse(line.AsSpan("SigIgn:".Length).Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mask))
                {
                    return (mask & (1UL << (signal - 1))) != 0;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return false;
    }

    /// <summary>
    /// Calls <paramref name="stop"/> when the terminal or SSH session goes away (SIGHUP) instead of
    /// dying on the spot and leaving the processes it started behind; nothing when the caller
    /// ignores SIGHUP (<c>nohup</c>), so that the stack outlives the session as asked. Dispose the
    /// result to stop listening.
    /// </summary>
    /// <param name="stop">What to do on hang-up: the same as on SIGTERM.</param>
    public static IDisposable? OnHangup(Action stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        if (IsIgnored(SigHup))
        {
            return null;
        }

        return PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            stop();
        });
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
