using System.Runtime.InteropServices;

namespace ShLogin.Nginx;

/// <summary>
/// How many nginx workers run and how many connections each may hold, sized for the machine's
/// cores and the file-descriptor limit. Every connection is one descriptor: a browser's, and
/// each of the upstream connections (login service, app) it causes, so a worker needs up to three
/// per browser. nginx refuses connections beyond <c>worker_connections</c> ("worker_connections
/// are not enough"), so one worker with nginx's default 1024 left most of 2,000 browsers unanswered.
/// </summary>
public sealed partial record NginxWorkerLimits
{
    /// <summary>More workers than this only cost memory for one user's stack, however many cores there are.</summary>
    public const int MaxWorkers = 8;

    /// <summary>
    /// Connections per worker at most. Each costs nginx about 450 bytes of memory at start, used or
    /// not; 8192 holds 2,000 browsers with their upstream connections in a single worker.
    /// </summary>
    public const int MaxConnectionsPerWorker = 8192;

    // Descriptors a worker needs besides connections: listening sockets, the channels to the
    // master, the error log, epoll, files it serves.
    private const int ReservedDescriptors = 64;

    private const int RLimitNoFile = 7;

    private NginxWorkerLimits(int workers, int connectionsPerWorker, int openFiles)
    {
        Workers = workers;
        ConnectionsPerWorker = connectionsPerWorker;
        OpenFiles = openFiles;
    }

    /// <summary><c>worker_processes</c>: one per core, 1 to <see cref="MaxWorkers"/>.</summary>
    public int Workers { get; }

    /// <summary><c>worker_connections</c>: what the descriptor limit leaves after the reserve, at most <see cref="MaxConnectionsPerWorker"/>.</summary>
    public int ConnectionsPerWorker { get; }

    /// <summary>
    /// <c>worker_rlimit_nofile</c>: each worker raises its soft descriptor limit to this (never above
    /// the hard limit, which an unprivileged process may not raise), so that a low soft limit such
    /// as the usual 1024 does not cap <see cref="ConnectionsPerWorker"/>.
    /// </summary>
    public int OpenFiles { get; }

    /// <summary>Sizes nginx for <paramref name="processorCount"/> cores and a hard descriptor limit of <paramref name="openFilesHardLimit"/>.</summary>
    /// <param name="processorCount">The cores this process may use (<see cref="Environment.ProcessorCount"/> honours affinity and cgroup quotas); below 1 counts as 1.</param>
    /// <param name="openFilesHardLimit">RLIMIT_NOFILE's hard limit; <see cref="ulong.MaxValue"/> for unlimited.</param>
    public static NginxWorkerLimits For(int processorCount, ulong openFilesHardLimit)
    {
        var workers = Math.Clamp(processorCount, 1, MaxWorkers);

        // At least a few descriptors for connections even under an absurdly low limit: nginx starts
        // and answers some browsers rather than none.
        var hard = (int)Math.Clamp(openFilesHardLimit, 32UL, (ulong)(MaxConnectionsPerWorker + ReservedDescriptors));
        var reserve = Math.Min(ReservedDescriptors, hard / 4);
        var connections = hard - reserve;
        return new NginxWorkerLimits(workers, connections, connections + reserve);
    }

    /// <summary>Sizes nginx for this machine: its usable cores and this process's RLIMIT_NOFILE (nginx inherits it).</summary>
    public static NginxWorkerLimits ForThisMachine() => For(Environment.ProcessorCount, OpenFilesHardLimit());

    /// <summary>This process's hard RLIMIT_NOFILE, or 1024 when it cannot be read.</summary>
    public static ulong OpenFilesHardLimit() => GetRLimit(RLimitNoFile, out var limit) == 0 ? limit.Max : 1024;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Max;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit")]
    private static partial int GetRLimit(int resource, out RLimit limit);
}
