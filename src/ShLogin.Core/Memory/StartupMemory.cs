using System.Runtime.InteropServices;

namespace ShLogin.Memory;

/// <summary>
/// Gives back what a long-running sh-login process touched only while it started: the garbage of
/// start-up (host building, configuration, dependency injection) and the pages of its executable
/// and shared libraries that start-up code read. Called once a service listens.
/// </summary>
/// <remarks>
/// The executable pages are not lost: they stay in the kernel's page cache, and those the service
/// runs again come back on first use with a minor fault (no disk read). Only mappings that are
/// read-only and hold no page of their own (<see cref="ProcessMappings.Releasable"/>) are released,
/// so nothing the process wrote can be dropped.
/// </remarks>
public static partial class StartupMemory
{
    private const int MadvDontNeed = 4;

    /// <summary>
    /// Starts a stretch without garbage collections, for start-up: a small allocation budget
    /// (which keeps the service's heap small later) would otherwise collect a dozen times while
    /// the host is built. Dispose the result once the service listens; where the runtime refuses
    /// (or start-up allocates more than <paramref name="budgetBytes"/>), collections simply go on.
    /// </summary>
    public static IDisposable PauseCollections(long budgetBytes = 64L * 1024 * 1024)
    {
        try
        {
            return GC.TryStartNoGCRegion(budgetBytes) ? new CollectionPause() : NoPause.Instance;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return NoPause.Instance;
        }
    }

    /// <summary>
    /// <see cref="Release"/> once <paramref name="delay"/> has passed (so that the first requests,
    /// which run code no later request runs, have come and gone), unless <paramref name="stopping"/> comes first.
    /// </summary>
    public static async Task ReleaseAfterAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Release();
    }

    /// <summary>Collects start-up garbage, returns the freed memory to the system, and releases the start-up code pages.</summary>
    /// <returns>The number of bytes of mappings released from this process's page tables (0 where not supported).</returns>
    public static long Release()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();

        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        string smaps;
        try
        {
            smaps = File.ReadAllText("/proc/self/smaps");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        long released = 0;
        foreach (var mapping in ProcessMappings.Releasable(smaps))
        {
            if (MAdvise((nint)mapping.Start, (nuint)mapping.Length, MadvDontNeed) == 0)
            {
                released += mapping.Length;
            }
        }

        return released;
    }

    private sealed class CollectionPause : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0 && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
            {
                try
                {
                    GC.EndNoGCRegion();
                }
                catch (InvalidOperationException)
                {
                    // Start-up allocated more than the budget: the runtime already ended the stretch.
                }
            }
        }
    }

    private sealed class NoPause : IDisposable
    {
        public static readonly NoPause Instance = new();

        public void Dispose()
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int MAdvise(nint address, nuint length, int advice);
}
