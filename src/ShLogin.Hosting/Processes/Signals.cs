using System.Runtime.InteropServices;

namespace ShLogin.Hosting.Processes;

/// <summary>POSIX signals sent to whole process groups, so a workload's children (kernels, shells) stop with it.</summary>
public static partial class Signals
{
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

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
