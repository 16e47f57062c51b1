using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ShLogin.Supervisor.Processes;

/// <summary>
/// Starts child processes from one thread that lives as long as this process. Linux sends a
/// child's parent-death signal (see <see cref="ManagedProcess"/>) when the <em>thread</em> that
/// forked it ends, not the process; forking from thread-pool threads, which retire when idle,
/// would stop healthy children at random.
/// </summary>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<Action> Work = [];
    private static readonly Lazy<Thread> Thread = new(StartThread, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs <paramref name="start"/> on the spawning thread and returns when it is done, rethrowing what it threw.</summary>
    public static void Run(Action start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _ = Thread.Value;
        ExceptionDispatchInfo? failure = null;
        using var done = new ManualResetEventSlim();
        Work.Add(() =>
        {
            try
            {
                start();
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }
            finally
            {
                done.Set();
            }
        });
        done.Wait();
        failure?.Throw();
    }

    private static Thread StartThread()
    {
        var thread = new Thread(() =>
        {
            foreach (var work in Work.GetConsumingEnumerable())
            {
                work();
            }
        })
        {
            IsBackground = true,
            Name = "ShLogin process spawner",
        };
        thread.Start();
        return thread;
    }
}
