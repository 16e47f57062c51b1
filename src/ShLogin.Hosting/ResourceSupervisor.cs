using System.ComponentModel;
using System.Diagnostics;
using Polly;
using Polly.Retry;
using ShLogin.Hosting.Health;
using ShLogin.Hosting.Processes;
using ShLogin.Hosting.Resources;
using ShLogin.Stack;

namespace ShLogin.Hosting;

/// <summary>Runs one resource: starts it when its dependencies are healthy, probes it, restarts it or ends the application when it exits.</summary>
internal sealed class ResourceSupervisor
{
    private static readonly TimeSpan HealthyRunResetsBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstRestartDelay = TimeSpan.FromMilliseconds(100);
    private readonly DistributedApplicationOptions _options;
    private readonly RedactingLogSink _log;
    private readonly HttpProbe _probe;
    private readonly Action<ResourceSnapshot> _report;
    private readonly TaskCompletionSource _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private ManagedProcess? _process;
    private bool _stopping;

    public ResourceSupervisor(Resource resource, DistributedApplicationOptions options, HttpProbe probe, Action<ResourceSnapshot> report)
    {
        Resource = resource;
        _options = options;

        // No line reaches the sink unredacted: nginx quotes request lines, with their query, in its error log.
        _log = new RedactingLogSink(options.LogSink, options.Redactor);
        _probe = probe;
        _report = report;
        Snapshot = new ResourceSnapshot(resource.Name, resource.Kind, ResourceState.Waiting, resource.Endpoints.Count > 0 ? resource.Endpoints[0].ToString() : null, null, null);
    }

    public Resource Resource { get; }

    public ResourceSnapshot Snapshot { get; private set; }

    /// <summary>Completes when the resource first becomes healthy; faults if it never does.</summary>
    public Task Healthy => _healthy.Task;

    /// <summary>
    /// Runs the resource until <paramref name="stopping"/> is cancelled. Returns the exit code if the
    /// resource ended the application, null otherwise. Throws <see cref="StartupFailedException"/>
    /// when it cannot start or never becomes healthy before <paramref name="startupDeadline"/>.
    /// </summary>
    public async Task<int?> RunAsync(IReadOnlyDictionary<Resource, ResourceSupervisor> all, CancellationToken startupDeadline, CancellationToken stopping)
    {
        try
        {
            await Task.WhenAll(Resource.WaitsFor.Select(d => all[d].Healthy)).WaitAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (StartupFailedException)
        {
            SetState(ResourceState.Exited, "a resource it waits for failed");
            _healthy.TrySetException(new StartupFailedException($"{Resource.Name} was not started: a resource it waits for failed."));
            return null;
        }

        var restarts = 0;
        while (!stopping.IsCancellationRequested)
        {
            var started = Stopwatch.StartNew();
            var firstStart = !_healthy.Task.IsCompleted;
            try
            {
                await StartAndProbeAsync(firstStart ? startupDeadline : CancellationToken.None, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return null;
            }
            catch (StartupFailedException exception) when (firstStart)
            {
                SetState(ResourceState.FailedToStart, exception.Message);
                _healthy.TrySetException(exception);
                throw;
            }
            catch (StartupFailedException exception)
            {
                // A restart that failed is retried with backoff; the application keeps running.
                _log.Write(Resource.Name, exception.Message, isError: true);
            }

            var process = _process;
            int exitCode;
            try
            {
                exitCode = process is null ? -1 : await process.WaitForExitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            if (Volatile.Read(ref _stopping))
            {
                return null;
            }

            if (process is not null)
            {
                foreach (var action in Resource.AfterExit)
                {
                    action(exitCode);
                }

                // Before anything restarts: what the process left in its group (nginx's workers, a
                // shell's background jobs) would keep its ports and serve on with stale state.
                if (!await process.EndLeftoversAsync(Resource.LeftoverSignal, _options.StopGracePeriod))
                {
                    _options.LogSink.Write(Resource.Name, $"processes of its group {process.Id} survived SIGKILL", isError: true);
                }
            }

            if (Resource.ExitBehavior == ExitBehavior.StopApplication && process is not null)
            {
                SetState(ResourceState.Exited, $"exited with code {exitCode}");
                return exitCode;
            }

            restarts = started.Elapsed > HealthyRunResetsBackoff ? 1 : restarts + 1;
            var delay = TimeSpan.FromTicks(Math.Min(
                FirstRestartDelay.Ticks * (1L << Math.Min(restarts - 1, 16)),
                _options.MaxRestartDelay.Ticks));
            SetState(ResourceState.Restarting, $"exited with code {exitCode}; restarting in {delay.TotalSeconds:0.0} s");
            _log.Write(Resource.Name, $"exited with code {exitCode}; restarting in {delay.TotalSeconds:0.0} s", isError: true);
            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Stops the process (its whole group) gracefully, then by force.</summary>
    public async Task StopAsync()
    {
        ManagedProcess? process;
        lock (_gate)
        {
            _stopping = true;
            process = _process;
        }

        if (process is null)
        {
            return;
        }

        SetState(ResourceState.Stopping, null);
        var code = await process.StopAsync(Resource.StopSignal, _options.StopGracePeriod);
        await process.DisposeAsync();
        foreach (var action in Resource.AfterStop)
        {
            action();
        }

        await Resource.OnStoppedAsync();
        SetState(ResourceState.Exited, $"stopped (code {code})");
    }

    private async Task StartAndProbeAsync(CancellationToken deadline, CancellationToken stopping)
    {
        foreach (var action in Resource.BeforeStart)
        {
            await action(stopping);
        }

        var environment = Resource.Environment.ToDictionary(p => p.Key, p => p.Value(), StringComparer.Ordinal);
        var (fileName, arguments) = Resource.GetCommandLine();
        ManagedProcess process;
        lock (_gate)
        {
            if (_stopping)
            {
                throw new OperationCanceledException(stopping);
            }

            try
            {
                process = ManagedProcess.Start(Resource.Name, fileName, arguments, environment, Resource.RemovedEnvironment, Resource.WorkingDirectory, _log);
            }
            catch (FileNotFoundException exception)
            {
                throw new StartupFailedException($"{Resource.Name}: cannot run '{fileName}': it was not found or is not executable", exception);
            }
            catch (Win32Exception exception)
            {
                throw new StartupFailedException($"{Resource.Name}: cannot run '{fileName}': {exception.Message}", exception);
            }

            _process = process;
        }

        SetState(ResourceState.Starting, null);
        if (Resource.HealthCheck is not null || Resource.ReadinessChecks.Count > 0)
        {
            await ProbeUntilHealthyAsync(Resource.HealthCheck, process, deadline, stopping);
        }
        else if (process.HasExited && Resource.ExitBehavior != ExitBehavior.StopApplication)
        {
            throw ExitedBeforeReady(process);
        }

        foreach (var action in Resource.AfterHealthy)
        {
            action();
        }

        SetState(ResourceState.Running, null);
        _healthy.TrySetResult();
    }

    private async Task ProbeUntilHealthyAsync(HealthCheck? check, ManagedProcess process, CancellationToken deadline, CancellationToken stopping)
    {
        string? reported = null;
        string? lastProblem = null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline, stopping);
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<IOException>().Handle<TimeoutException>()
                    .Handle<TaskCanceledException>(_ => !linked.IsCancellationRequested).Handle<NotReadyException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(10),

                // A probe of a process not yet listening fails at once and costs next to nothing;
                // a long pause would add up to its length to every start-up (bench/run).
                MaxDelay = TimeSpan.FromMilliseconds(25),
                UseJitter = false,
            })
            .Build();
        try
        {
            await pipeline.ExecuteAsync(
                async token =>
                {
                    if (process.HasExited)
                    {
                        // Why it could not listen, when a check can tell (its port taken by someone else).
                        throw ExitedBeforeReady(process, Resource.ReadinessChecks.Select(readiness => readiness(process.Id).Problem).FirstOrDefault(problem => problem is not null));
                    }

                    // Before any request: the probe must not talk to what the checks refuse.
                    foreach (var readiness in Resource.ReadinessChecks)
                    {
                        var verdict = readiness(process.Id);
                        if (!verdict.IsReady)
                        {
                            lastProblem = verdict.Problem;
                            if (verdict.Problem is { } problem && problem != reported)
                            {
                                reported = problem;
                                _options.LogSink.Write(Resource.Name, problem, isError: true);
                            }

                            throw new NotReadyException();
                        }
                    }

                    lastProblem = null;
                    if (check is null)
                    {
                        return;
                    }

                    var status = await _probe.GetStatusAsync(check, token);
                    if ((int)status >= 500)
                    {
                        throw new NotReadyException();
                    }
                },
                linked.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new StartupFailedException(lastProblem is not null
                ? $"{Resource.Name} never became ready: {lastProblem}"
                : check is not null
                    ? $"{Resource.Name} never became ready: nothing healthy answered GET {check.Path} at {check.Endpoint} within the startup timeout."
                    : $"{Resource.Name} never became ready within the startup timeout.");
        }
    }

    private StartupFailedException ExitedBeforeReady(ManagedProcess process, string? why = null)
    {
        var message = $"{Resource.Name} exited with code {process.ExitCode} before it became ready" + (why is null ? "." : ": " + why);
        return Resource.ExitBehavior == ExitBehavior.StopApplication
            ? new StartupFailedException(message, process.ExitCode)
            : new StartupFailedException(message);
    }

    private void SetState(ResourceState state, string? detail)
    {
        var processId = state is ResourceState.Starting or ResourceState.Running ? _process?.Id : null;
        Snapshot = Snapshot with { State = state, Detail = detail, ProcessId = processId };
        _report(Snapshot);
    }

    private sealed class NotReadyException : Exception
    {
    }
}
