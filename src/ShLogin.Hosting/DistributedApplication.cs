using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using ShLogin.Hosting.Health;
using ShLogin.Hosting.Processes;
using ShLogin.Hosting.Resources;
using ShLogin.Stack;

namespace ShLogin.Hosting;

/// <summary>
/// A composed stack, ready to run: the one supervisor used by <c>sh-login start</c> and the
/// AppHost. It starts resources in <c>WaitFor</c> order once their dependencies are healthy,
/// restarts those that exit, ends when a resource with <see cref="ExitBehavior.StopApplication"/>
/// exits or when asked to stop, and always stops every process it started.
/// </summary>
public sealed class DistributedApplication
{
    private readonly IReadOnlyList<Resource> _resources;
    private readonly DistributedApplicationOptions _options;
    private readonly Lock _gate = new();
    private readonly List<Func<Task>> _readyCallbacks = [];
    private Dictionary<Resource, ResourceSupervisor>? _supervisors;

    internal DistributedApplication(IReadOnlyList<Resource> resources, DistributedApplicationOptions options)
    {
        _resources = resources;
        _options = options;
    }

    /// <summary>
    /// A builder for an AppHost's <c>Program.cs</c>, as <c>DistributedApplication.CreateBuilder(args)</c>
    /// in .NET Aspire: it keeps <paramref name="args"/> and runs projects in the AppHost's own build
    /// configuration without building them again (the AppHost's project references built them).
    /// </summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var configuration = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration;
        return DistributedApplicationBuilder.Create(new DistributedApplicationOptions
        {
            Args = [.. args],
            ProjectBuildConfiguration = string.IsNullOrEmpty(configuration) ? null : configuration,
        });
    }

    /// <summary>Raised on every state change of a resource.</summary>
    public event Action<ResourceSnapshot>? ResourceStateChanged;

    /// <summary>The resources, in the order they were added.</summary>
    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>Every resource's current state.</summary>
    public IReadOnlyList<ResourceSnapshot> Snapshots
    {
        get
        {
            lock (_gate)
            {
                return _supervisors is null
                    ? [.. _resources.Select(r => new ResourceSnapshot(r.Name, r.Kind, ResourceState.Waiting, (r.Endpoints.Count > 0 ? r.Endpoints[0].ToString() : null), null, null))]
                    : [.. _resources.Select(r => _supervisors[r].Snapshot)];
            }
        }
    }

    /// <summary>Calls <paramref name="callback"/> once, when every resource is healthy (before <see cref="RunAsync(CancellationToken)"/> returns to waiting).</summary>
    public DistributedApplication OnReady(Func<Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _readyCallbacks.Add(callback);
        return this;
    }

    /// <summary>Runs the stack until Ctrl-C (SIGINT), SIGTERM or SIGHUP; see <see cref="RunAsync(CancellationToken)"/>.</summary>
    public int Run() => RunAsync().GetAwaiter().GetResult();

    /// <summary>
    /// Runs the stack until Ctrl-C (SIGINT), SIGTERM, SIGHUP (unless ignored, as under nohup) or
    /// <paramref name="cancellationToken"/>, then stops every resource. Returns 0 when stopped that way, or the exit code of the resource
    /// that ended the application. The <see cref="OnReady"/> callbacks run once all are healthy.
    /// </summary>
    /// <exception cref="StartupFailedException">A resource could not start or never became healthy; everything was stopped.</exception>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void RequestStop(PosixSignalContext context)
        {
            // The stack is stopped in order below; the runtime must not end the process first.
            context.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
        using var hangup = Signals.OnHangup(stop.Cancel);
        return await RunAsync(
            async () =>
            {
                foreach (var callback in _readyCallbacks)
                {
                    await callback();
                }
            },
            stop.Token);
    }

    /// <summary>
    /// Runs the stack. <paramref name="onReady"/> is called once, when every resource is healthy.
    /// Returns 0 when stopped through <paramref name="stop"/>, or the exit code of the resource
    /// that ended the application.
    /// </summary>
    /// <exception cref="StartupFailedException">A resource could not start or never became healthy; everything was stopped.</exception>
    /// <exception cref="Exception">Whatever <paramref name="onReady"/> threw, once everything was stopped.</exception>
    public async Task<int> RunAsync(Func<Task>? onReady, CancellationToken stop)
    {
        using var probe = new HttpProbe(TimeSpan.FromSeconds(2));
        var supervisors = _resources.ToDictionary(r => r, r => new ResourceSupervisor(r, _options, probe, s => ResourceStateChanged?.Invoke(s)));
        lock (_gate)
        {
            _supervisors = supervisors;
        }

        using var startupDeadline = new CancellationTokenSource(_options.StartupTimeout);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = stopping.Token.Register(() => stopRequested.TrySetResult());
        var runs = supervisors.Values.Select(s => RunOneAsync(s, supervisors, stopping, startupDeadline.Token)).ToList();
        var allHealthy = Task.WhenAll(supervisors.Values.Select(s => s.Healthy));
        var anyRunEnded = Task.WhenAny(runs);
        Exception? failure = null;
        int? exitCode = null;

        Exception? readyFailure = null;
        var first = await Task.WhenAny(allHealthy, anyRunEnded, stopRequested.Task);
        if (first == allHealthy && allHealthy.IsCompletedSuccessfully && onReady is not null)
        {
            try
            {
                await onReady();
            }
            catch (Exception exception)
            {
                // Whatever the callback failed at (e.g. writing the ready file), nothing may keep running.
                readyFailure = exception;
            }
        }

        if (readyFailure is null && first != stopRequested.Task && await Task.WhenAny(anyRunEnded, stopRequested.Task) == anyRunEnded)
        {
            var ended = await anyRunEnded;
            if (ended.IsFaulted)
            {
                failure = ended.Exception.GetBaseException();
            }
            else if (!ended.IsCanceled)
            {
                exitCode = ended.Result;
            }
        }

        await stopping.CancelAsync();
        await Task.WhenAll(supervisors.Values.Select(s => s.StopAsync()));
        await Task.WhenAll(runs.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        if (readyFailure is not null)
        {
            ExceptionDispatchInfo.Throw(readyFailure);
        }

        if (failure is not null && !stop.IsCancellationRequested)
        {
            throw failure as StartupFailedException ?? new StartupFailedException(failure.Message, failure);
        }

        return exitCode ?? 0;
    }

    private static async Task<int?> RunOneAsync(
        ResourceSupervisor supervisor,
        IReadOnlyDictionary<Resource, ResourceSupervisor> all,
        CancellationTokenSource stopping,
        CancellationToken startupDeadline)
    {
        var code = await supervisor.RunAsync(all, startupDeadline, stopping.Token);
        if (code is not null)
        {
            return code;
        }

        // A resource that returns without ending the application waits until the application stops.
        await Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        return null;
    }
}
