using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ShLogin.Nginx;

/// <summary>
/// Tells a running nginx master, found through its pid file, to reload its configuration (SIGHUP):
/// it re-reads the config and its includes, starts new workers and lets the old ones finish
/// their requests. Used after the session map changed.
/// </summary>
public static partial class NginxMaster
{
    private const int SigHup = 1;

    private const string WorkerTitle = "nginx: worker process";
    private const string WorkerShuttingDownTitle = "nginx: worker process is shutting down";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Sends SIGHUP to the master named in <paramref name="pidFile"/> and, when
    /// <paramref name="waitForNewWorker"/> is positive, waits up to that long until only workers
    /// with the new configuration accept requests (nginx starts them only once the new
    /// configuration loaded). Returns null on success, else why not (no pid file yet, a stale pid,
    /// a process that is not nginx, no switch in time). A pid is
    /// only signalled after <c>/proc</c> confirms it is an nginx master, so a reused pid is never hit.
    /// </summary>
    public static string? TryReload(string pidFile, TimeSpan waitForNewWorker = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pidFile);
        string text;
        try
        {
            text = File.ReadAllText(pidFile);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"no nginx pid file at {pidFile} ({exception.Message})";
        }

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 1)
        {
            return $"the nginx pid file {pidFile} does not hold a process id";
        }

        if (!IsNginxMaster(pid))
        {
            return $"process {pid} named in {pidFile} is not an nginx master";
        }

        var workersBefore = Children(pid);
        if (Kill(pid, SigHup) != 0)
        {
            return $"cannot signal nginx master {pid} (errno {Marshal.GetLastPInvokeError()})";
        }

        if (waitForNewWorker <= TimeSpan.Zero || workersBefore is null)
        {
            return null;
        }

        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < waitForNewWorker)
        {
            if (Children(pid) is { } workers && HasSwitched(workers, workersBefore))
            {
                return null;
            }

            Thread.Sleep(PollInterval);
        }

        return $"nginx master {pid} did not switch to the new configuration within {waitForNewWorker.TotalSeconds:0.###} s";
    }

    /// <summary>
    /// True once a worker started after the signal runs and every earlier worker is gone or shutting
    /// down. The master lets old and new workers accept side by side for about 100 ms; an old worker
    /// renames itself "worker process is shutting down" right as it closes its listening sockets.
    /// </summary>
    private static bool HasSwitched(HashSet<int> workers, HashSet<int> workersBefore)
    {
        if (!workers.Any(worker => !workersBefore.Contains(worker)))
        {
            return false;
        }

        return workers.Where(workersBefore.Contains).All(worker => CommandLine(worker) is not { } title
            || !title.StartsWith(WorkerTitle, StringComparison.Ordinal)
            || title.StartsWith(WorkerShuttingDownTitle, StringComparison.Ordinal));
    }

    /// <summary>True when <paramref name="pid"/> is a running nginx master process.</summary>
    // nginx sets its process titles ("nginx: master process …"); the kernel's comm stays the program name.
    public static bool IsNginxMaster(int pid) =>
        CommandLine(pid)?.StartsWith("nginx: master process", StringComparison.Ordinal) == true;

    private static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The child processes of <paramref name="pid"/>, or null when the kernel does not list them.</summary>
    private static HashSet<int>? Children(int pid)
    {
        var id = pid.ToString(CultureInfo.InvariantCulture);
        try
        {
            var children = File.ReadAllText($"/proc/{id}/task/{id}/children");
            return [.. children.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(child => int.Parse(child, CultureInfo.InvariantCulture))];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
