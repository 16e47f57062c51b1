using System.Runtime.InteropServices;

namespace ShLogin.EndToEndTests.Infrastructure;

/// <summary>POSIX signals to one process, as a user's shell, a batch scheduler or the kernel sends them.</summary>
public static partial class Signals
{
    /// <summary>SIGINT: what Ctrl-C in a terminal sends.</summary>
    public const int SigInt = 2;

    /// <summary>SIGKILL: cannot be caught; nothing of the process runs afterwards.</summary>
    public const int SigKill = 9;

    /// <summary>SIGTERM: the polite stop request.</summary>
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="processId"/>; false if there is no such process.</summary>
    public static bool Send(int processId, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(processId, 2);
        return Kill(processId, signal) == 0;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
