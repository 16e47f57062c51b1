using System.Runtime.ExceptionServices;
using ShLogin.Supervisor.Health;

namespace ShLogin.Supervisor;

/// <summary>
/// <c>sh-login start</c>'s supervisor: runs its programs as child processes of this one. A program
/// starts once those it waits for are healthy; one that exits is restarted or ends the run (see
/// <see cref="ExitBehavior"/>); the run ends when asked, and every process started is stopped.
/// </summary>
public sealed class ProgramSupervisor
{
    private readonly IReadOnlyList<SupervisedProgram> _programs;
    private readonly SupervisorOptions _options;

    /// <summary>A supervisor of <paramref name="programs"/>, started in <see cref="SupervisedProgram.WaitsFor"/> order.</summary>
    /// <exception cref="ArgumentException">Two programs share a name, or one waits for a program not given here.</exception>
    public ProgramSupervisor(IEnumerable<SupervisedProgram> programs, SupervisorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(programs);
        _programs = [.. programs];
        _options = options ?? new SupervisorOptions();
        foreach (var program in _programs)
        {
            if (_programs.Count(p => string.Equals(p.Name, program.Name, StringComparison.Ordinal)) > 1)
            {
                throw new ArgumentException($"Two programs are named '{program.Name}'.", nameof(programs));
            }

            foreach (var dependency in program.WaitsFor)
            {
                if (!_programs.Contains(dependency))
                {
                    throw new ArgumentException($"'{program.Name}' waits for '{dependency.Name}', which is not supervised here.", nameof(programs));
                }
            }
        }
    }

    /// <summary>
    /// Runs the programs. <paramref name="onReady"/> is called once, when every program is healthy.
    /// Returns 0 when stopped through <paramref name="stop"/>, or the exit code of the program that
    /// ended the run (<see cref="ExitBehavior.StopAll"/>).
    /// </summary>
    /// <exception cref="StartupFailedException">A program could not start or never became healthy; everything was stopped.</exception>
    /// <exception cref="Exception">Whatever <paramref name="onReady"/> threw, once everything was stopped.</exception>
    public async Task<int> RunAsync(Func<Task>? onReady, CancellationToken stop)
    {
        using var probe = new HttpProbe(TimeSpan.FromSeconds(2));
        var runners = _programs.ToDictionary(p => p, p => new ProgramRunner(p, _options, probe));
        using var startupDeadline = new CancellationTokenSource(_options.StartupTimeout);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = stopping.Token.Register(() => stopRequested.TrySetResult());
        var runs = runners.Values.Select(r => RunOneAsync(r, runners, stopping, startupDeadline.Token)).ToList();
        var allHealthy = Task.WhenAll(runners.Values.Select(r => r.Healthy));
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
        await Task.WhenAll(runners.Values.Select(r => r.StopAsync()));
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
        ProgramRunner runner,
        IReadOnlyDictionary<SupervisedProgram, ProgramRunner> all,
        CancellationTokenSource stopping,
        CancellationToken startupDeadline)
    {
        var code = await runner.RunAsync(all, startupDeadline, stopping.Token);
        if (code is not null)
        {
            return code;
        }

        // A program that returns without ending the run waits until the run stops.
        await Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        return null;
    }
}
