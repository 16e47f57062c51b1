using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Polly;
using Polly.Retry;
using ShLogin.Stack;
using ShLogin.Supervisor.Health;
using ShLogin.Supervisor.Logging;
using ShLogin.Supervisor.Processes;

namespace ShLogin.Supervisor;

/// <summary>Runs one program: starts it when what it waits for is healthy, probes it, restarts it or ends the run when it exits.</summary>
internal sealed class ProgramRunner
{
    /// <summary>A run at least this long counts as healthy: the next restart waits as little as the first.</summary>
    internal static readonly TimeSpan HealthyRunResetsBackoff = TimeSpan.FromSeconds(30);

    /// <summary>The wait before the first restart; it doubles with each quick exit up to <see cref="SupervisorOptions.MaxRestartDelay"/>.</summary>
    internal static readonly TimeSpan FirstRestartDelay = TimeSpan.FromMilliseconds(100);

    private readonly SupervisedProgram _program;
    private readonly SupervisorOptions _options;
    private readonly RedactingLogSink _log;
    private readonly HttpProbe _probe;
    private readonly ResiliencePipeline<RunOutcome> _restarts;
    private readonly TaskCompletionSource _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private ManagedProcess? _process;
    private bool _stopping;

    public ProgramRunner(SupervisedProgram program, SupervisorOptions options, HttpProbe probe)
    {
        _program = program;
        _options = options;

        // No line reaches the sink unredacted: nginx quotes request lines, with their query, in its error log.
        _log = new RedactingLogSink(options.LogSink, options.Redactor);
        _probe = probe;

        // A program that keeps exiting is started again after 0.1 s, 0.2 s, 0.4 s … up to the
        // longest delay. A run that lasted ends the pipeline (see RunAsync), so its attempts count from 0 again.
        _restarts = new ResiliencePipelineBuilder<RunOutcome>()
            .AddRetry(new RetryStrategyOptions<RunOutcome>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Kind: RunOutcomeKind.Exited, RanLong: false }),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstRestartDelay,
                MaxDelay = options.MaxRestartDelay,
                UseJitter = false,
                OnRetry = args =>
                {
                    ReportRestart(args.Outcome.Result!, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Completes when the program first becomes healthy; faults if it never does.</summary>
    public Task Healthy => _healthy.Task;

    private enum RunOutcomeKind
    {
        /// <summary>The run is stopping.</summary>
        Stopped,

        /// <summary>The program exited (or could not be started again) and is to be restarted.</summary>
        Exited,

        /// <summary>The program exited and its exit ends the run.</summary>
        EndsRun,
    }

    /// <summary>
    /// Runs the program until <paramref name="stopping"/> is cancelled. Returns the exit code if the
    /// program ended the run, null otherwise. Throws <see cref="StartupFailedException"/> when it
    /// cannot start or never becomes healthy before <paramref name="startupDeadline"/>.
    /// </summary>
    public async Task<int?> RunAsync(IReadOnlyDictionary<SupervisedProgram, ProgramRunner> all, CancellationToken startupDeadline, CancellationToken stopping)
    {
        try
        {
            await Task.WhenAll(_program.WaitsFor.Select(d => all[d].Healthy)).WaitAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (StartupFailedException)
        {
            _healthy.TrySetException(new StartupFailedException($"{_program.Name} was not started: a program it waits for failed."));
            return null;
        }

        while (true)
        {
            RunOutcome outcome;
            try
            {
                outcome = await _restarts.ExecuteAsync(token => RunOnceAsync(startupDeadline, token), stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return null;
            }

            switch (outcome.Kind)
            {
                case RunOutcomeKind.Stopped:
                    return null;
                case RunOutcomeKind.EndsRun:
                    return outcome.ExitCode;
            }

            // It ran long enough to count as healthy: restarted as after a first exit, and its backoff starts over.
            ReportRestart(outcome, FirstRestartDelay);
            try
            {
                await Task.Delay(FirstRestartDelay, stopping);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
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

        await process.StopAsync(_program.StopSignal, _options.StopGracePeriod);
        await process.DisposeAsync();
        _program.OnStopped?.Invoke();
    }

    /// <summary>One start of the program, until its process exits (or the run stops).</summary>
    private async ValueTask<RunOutcome> RunOnceAsync(CancellationToken startupDeadline, CancellationToken stopping)
    {
        var started = Stopwatch.StartNew();
        var firstStart = !_healthy.Task.IsCompleted;
        try
        {
            await StartAndProbeAsync(firstStart ? startupDeadline : CancellationToken.None, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return RunOutcome.Stopped;
        }
        catch (StartupFailedException exception) when (firstStart)
        {
            _healthy.TrySetException(exception);
            throw;
        }
        catch (StartupFailedException exception)
        {
            // A restart that failed is retried with backoff; the others keep running.
            _log.Write(_program.Name, exception.Message, isError: true);
        }

        ManagedProcess? process;
        lock (_gate)
        {
            process = _process;
        }

        if (process is null)
        {
            // It could not be started at all this time.
            return RunOutcome.Restart(null, ranLong: false);
        }

        int exitCode;
        try
        {
            exitCode = await process.WaitForExitAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return RunOutcome.Stopped;
        }

        if (Volatile.Read(ref _stopping))
        {
            return RunOutcome.Stopped;
        }

        _program.OnUnexpectedExit?.Invoke(exitCode);

        // Before anything restarts: what the process left in its group (nginx's workers, a
        // shell's background jobs) would keep its ports and serve on with stale state.
        if (!await process.EndLeftoversAsync(_program.LeftoverSignal, _options.StopGracePeriod))
        {
            _options.LogSink.Write(_program.Name, $"processes of its group {process.Id} survived SIGKILL", isError: true);
        }

        return _program.ExitBehavior == ExitBehavior.StopAll
            ? RunOutcome.EndRun(exitCode)
            : RunOutcome.Restart(exitCode, ranLong: started.Elapsed > HealthyRunResetsBackoff);
    }

    private async Task StartAndProbeAsync(CancellationToken deadline, CancellationToken stopping)
    {
        _program.BeforeEachStart?.Invoke();
        var program = _program.Program;

        // Children read their secrets from their environment, which only this user can read; never from their arguments.
        var environment = program.Environment.Concat(program.SecretEnvironment).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        ManagedProcess? previous;
        lock (_gate)
        {
            if (_stopping)
            {
                throw new OperationCanceledException(stopping);
            }

            previous = _process;
            _process = null;
        }

        // The previous process has exited, and what it left in its group has been ended.
        if (previous is not null)
        {
            await previous.DisposeAsync();
        }

        ManagedProcess process;
        lock (_gate)
        {
            if (_stopping)
            {
                throw new OperationCanceledException(stopping);
            }

            try
            {
                process = ManagedProcess.Start(program.Name, program.Command, program.Arguments, environment, program.RemovedEnvironment, program.WorkingDirectory, _log);
            }
            catch (FileNotFoundException exception)
            {
                throw new StartupFailedException($"{program.Name}: cannot run '{program.Command}': it was not found or is not executable", exception);
            }
            catch (Win32Exception exception)
            {
                throw new StartupFailedException($"{program.Name}: cannot run '{program.Command}': {exception.Message}", exception);
            }

            _process = process;
        }

        if (program.HealthPath is not null || _program.ReadinessCheck is not null)
        {
            await ProbeUntilHealthyAsync(process, deadline, stopping);
        }
        else if (process.HasExited && _program.ExitBehavior != ExitBehavior.StopAll)
        {
            throw ExitedBeforeReady(process);
        }

        _program.OnHealthy?.Invoke();
        _healthy.TrySetResult();
    }

    private async Task ProbeUntilHealthyAsync(ManagedProcess process, CancellationToken deadline, CancellationToken stopping)
    {
        var endpoint = _program.Program.Endpoint;
        var path = _program.Program.HealthPath;
        var check = _program.ReadinessCheck;
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
                Delay = TimeSpan.FromMilliseconds(5),

                // A probe of a process not yet listening fails at once and costs next to nothing;
                // a long pause would add up to its length to every start-up, once for the login
                // service and once for nginx, which waits for it (bench/run: the native login
                // service answers in a few tens of milliseconds).
                MaxDelay = TimeSpan.FromMilliseconds(10),
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
                        // Why it could not listen, when the check can tell (its port taken by someone else).
                        throw ExitedBeforeReady(process, check?.Invoke(process.Id).Problem);
                    }

                    // Before any request: the probe must not talk to what the check refuses.
                    if (check is not null)
                    {
                        var verdict = check(process.Id);
                        if (!verdict.IsReady)
                        {
                            lastProblem = verdict.Problem;
                            if (verdict.Problem is { } problem && problem != reported)
                            {
                                reported = problem;
                                _options.LogSink.Write(_program.Name, problem, isError: true);
                            }

                            throw new NotReadyException();
                        }
                    }

                    lastProblem = null;
                    if (path is null)
                    {
                        return;
                    }

                    var status = await _probe.GetStatusAsync(endpoint, path, token);
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
                ? $"{_program.Name} never became ready: {lastProblem}"
                : path is not null
                    ? $"{_program.Name} never became ready: nothing healthy answered GET {path} at {Display(endpoint)} within the startup timeout."
                    : $"{_program.Name} never became ready within the startup timeout.");
        }
    }

    private StartupFailedException ExitedBeforeReady(ManagedProcess process, string? why = null)
    {
        var message = $"{_program.Name} exited with code {process.ExitCode} before it became ready" + (why is null ? "." : ": " + why);
        return _program.ExitBehavior == ExitBehavior.StopAll
            ? new StartupFailedException(message, process.ExitCode)
            : new StartupFailedException(message);
    }

    private void ReportRestart(RunOutcome outcome, TimeSpan delay)
    {
        var restarting = string.Create(CultureInfo.InvariantCulture, $"restarting in {delay.TotalSeconds:0.0} s");
        _log.Write(_program.Name, outcome.ExitCode is { } code ? $"exited with code {code}; {restarting}" : restarting, isError: true);
    }

    /// <summary>An endpoint as the user reads it in a message: <c>unix:/path</c> or <c>http://127.0.0.1:8080</c>.</summary>
    private static string Display(StackEndpoint endpoint) =>
        endpoint.IsUnixSocket
            ? endpoint.ToString()
            : string.Create(CultureInfo.InvariantCulture, $"http://{(endpoint.Host.Contains(':', StringComparison.Ordinal) ? "[" + endpoint.Host + "]" : endpoint.Host)}:{endpoint.Port}");

    private sealed record RunOutcome(RunOutcomeKind Kind, int? ExitCode, bool RanLong)
    {
        public static RunOutcome Stopped { get; } = new(RunOutcomeKind.Stopped, null, false);

        public static RunOutcome Restart(int? exitCode, bool ranLong) => new(RunOutcomeKind.Exited, exitCode, ranLong);

        public static RunOutcome EndRun(int exitCode) => new(RunOutcomeKind.EndsRun, exitCode, false);
    }

    private sealed class NotReadyException : Exception
    {
    }
}
