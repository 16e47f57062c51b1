using System.Diagnostics;
using ShLogin.Stack;
using ShLogin.Supervisor.Logging;

namespace ShLogin.Supervisor.Processes;

/// <summary>
/// A child process in a session of its own (started through <c>setsid</c>), so that stopping it
/// stops everything it started. Being in its own session, it would outlive this process if this
/// one were killed outright (SIGKILL, the OOM killer), so it gets SIGTERM then, as its parent-death
/// signal (through <c>setpriv --pdeathsig</c>, where util-linux has it). Its output lines go to an
/// <see cref="ILogSink"/>.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private const string SetsidPath = "/usr/bin/setsid";
    private const string SetprivPath = "/usr/bin/setpriv";
    private readonly Process _process;
    private readonly string _name;

    // Completes when the process itself exits, even while children it left behind still hold its
    // output pipes open (Process.WaitForExitAsync would wait for those too).
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ManagedProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    /// <summary>The process id, which is also its process group id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>The exit code once exited (128 + signal number for a signal, as shells report).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="fileName"/> with an environment built from the parent's.</summary>
    /// <param name="name">The program name for log lines.</param>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Variables to set.</param>
    /// <param name="removedEnvironment">Inherited variables to drop.</param>
    /// <param name="workingDirectory">Where it starts; null for the current directory.</param>
    /// <param name="sink">Where its output goes.</param>
    /// <exception cref="FileNotFoundException">The program is not there or not executable.</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static ManagedProcess Start(
        string name,
        string fileName,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        IEnumerable<string> removedEnvironment,
        string? workingDirectory,
        ILogSink sink)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(removedEnvironment);
        ArgumentNullException.ThrowIfNull(sink);
        var program = ExecutableLocator.Find(fileName)
            ?? throw new FileNotFoundException($"'{fileName}' was not found or is not executable", fileName);
        var useSetsid = File.Exists(SetsidPath);
        var useSetpriv = useSetsid && File.Exists(SetprivPath);
        var info = new ProcessStartInfo(useSetsid ? SetsidPath : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (useSetpriv)
        {
            // setsid execs setpriv, which sets the parent-death signal and execs the program: one process.
            foreach (var argument in new[] { SetprivPath, "--pdeathsig", "TERM", "--" })
            {
                info.ArgumentList.Add(argument);
            }
        }

        if (useSetsid)
        {
            info.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var variable in removedEnvironment)
        {
            info.Environment.Remove(variable);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                sink.Write(name, e.Data, isError: false);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                sink.Write(name, e.Data, isError: true);
            }
        };
        var managed = new ManagedProcess(process, name);
        process.Exited += (_, _) => managed._exited.TrySetResult(process.ExitCode);
        ProcessSpawner.Run(() => process.Start());
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (process.HasExited)
        {
            managed._exited.TrySetResult(process.ExitCode);
        }

        return managed;
    }

    /// <summary>Completes when the process exits, with its exit code.</summary>
    public Task<int> WaitForExitAsync(CancellationToken cancellationToken = default) =>
        _exited.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Sends <paramref name="signal"/> to the process group, waits up to <paramref name="grace"/>
    /// for the process to exit, then kills the whole group. Returns the exit code.
    /// </summary>
    public async Task<int> StopAsync(int signal, TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            Signals.SendToGroup(_process.Id, signal);
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await _exited.Task.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Trace.TraceWarning($"{_name} did not stop within {grace.TotalSeconds:0} s; killing it.");
            }
        }

        // Whatever the leader left behind in its group goes too, and is gone before this returns:
        // an orphan would keep the process's ports (and whatever it served) after the stop.
        Signals.SendToGroup(_process.Id, Signals.SigKill);
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        var code = await _exited.Task;
        if (!await ProcessGroup.WaitUntilEmptyAsync(_process.Id, grace))
        {
            Trace.TraceWarning($"{_name}: processes of its group survived SIGKILL for {grace.TotalSeconds:0} s.");
        }

        return code;
    }

    /// <summary>
    /// After the process exited on its own: ends what it left in its process group (see
    /// <see cref="ProcessGroup.EndAsync"/>) and returns once none of it is alive, so that a
    /// restart finds its ports free. False if something survived even SIGKILL.
    /// </summary>
    public async Task<bool> EndLeftoversAsync(int signal, TimeSpan grace)
    {
        await _exited.Task;
        return await ProcessGroup.EndAsync(_process.Id, signal, grace);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await StopAsync(Signals.SigKill, TimeSpan.FromSeconds(1));
        }

        _process.Dispose();
    }
}
