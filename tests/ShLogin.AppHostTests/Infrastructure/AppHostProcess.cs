using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using ShLogin.Stack;

namespace ShLogin.AppHostTests.Infrastructure;

/// <summary>
/// The AppHost run as the README says, <c>dotnet run --project apphost</c> (without building
/// again), as its own process, with its output kept for messages.
/// </summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    private readonly Dictionary<(int Id, ulong StartTime), ProcessInfo> _descendants = [];
    private Task? _watcher;

    private AppHostProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The AppHost's pid.</summary>
    public int Id => _process.Id;

    /// <summary>Time since the process was started.</summary>
    public TimeSpan Elapsed => _sinceStart.Elapsed;

    /// <summary>Everything it wrote so far, standard output and error interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Every process seen descending from the AppHost while it ran (polled every 100 ms).</summary>
    public IReadOnlyCollection<ProcessInfo> SeenDescendants
    {
        get
        {
            lock (_gate)
            {
                return [.. _descendants.Values];
            }
        }
    }

    /// <summary>Starts <c>dotnet ShLogin.AppHost.dll ARGS</c> in <paramref name="workingDirectory"/>, without any SH_LOGIN_* variable of the test run.</summary>
    public static AppHostProcess Start(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        // The README's command, without building again: `dotnet run` applies the AppHost's launch profile.
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        foreach (var argument in new[] { "run", "--project", Path.Combine(RepositoryPaths.Root, "apphost"), "--no-build", "-c", configuration, "--" })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("SH_LOGIN_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var appHost = new AppHostProcess(process);
        process.OutputDataReceived += (_, e) => appHost.Append(e.Data);
        process.ErrorDataReceived += (_, e) => appHost.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        appHost._watcher = Task.Run(appHost.WatchDescendantsAsync);
        return appHost;
    }

    /// <summary>Waits until <paramref name="readyFile"/> holds the stack's description; fails if the AppHost exits first.</summary>
    public async Task<ReadyInfo> WaitForReadyFileAsync(string readyFile, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (File.Exists(readyFile))
            {
                return ReadyInfo.Parse(await File.ReadAllTextAsync(readyFile));
            }

            if (_process.HasExited)
            {
                Assert.Fail($"The AppHost exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The AppHost was not ready within {timeout.TotalSeconds:0} s:\n{Output}");
        throw new UnreachableException();
    }

    /// <summary>
    /// Waits until the output read so far holds <paramref name="text"/>: what the AppHost printed
    /// before its ready file may still be on its way through the pipe when the file appears.
    /// </summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (deadline.Elapsed >= timeout)
            {
                Assert.Fail($"The AppHost did not print \"{text}\" within {timeout.TotalSeconds:0} s:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends a signal to the AppHost itself (as Ctrl-C in its terminal would).</summary>
    public void Signal(int signal) => NativeSignals.Kill(AppHostId, signal);

    /// <summary>The AppHost itself: the child of <c>dotnet run</c> (or, before it has started, <c>dotnet run</c>).</summary>
    public int AppHostId =>
        ProcessTable.Descendants(_process.Id).FirstOrDefault(p => p.Name.StartsWith("ShLogin.AppHost", StringComparison.Ordinal))?.Id ?? _process.Id;

    /// <summary>Its exit code once it exits; fails after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The AppHost did not exit within {timeout.TotalSeconds:0} s:\n{Output}");
        }

        // Output events may still be in flight after the exit.
        _process.WaitForExit();
        if (_watcher is not null)
        {
            await _watcher;
        }

        return _process.ExitCode;
    }

    /// <summary>
    /// A test that failed half-way leaves nothing running: the AppHost is asked to stop (SIGTERM; it
    /// removes its containers, which are not its descendants but podman's), then it and all it
    /// started are killed if still there.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            NativeSignals.Kill(AppHostId, NativeSignals.SigTerm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        if (!_process.HasExited)
        {
            var descendants = LivingDescendants();
            _process.Kill(entireProcessTree: true);
            foreach (var entry in descendants.Where(ProcessTable.IsRunning))
            {
                NativeSignals.Kill(-entry.Id, NativeSignals.SigKill);
                NativeSignals.Kill(entry.Id, NativeSignals.SigKill);
            }

            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WatchDescendantsAsync()
    {
        while (!_process.HasExited)
        {
            var now = LivingDescendants();
            lock (_gate)
            {
                foreach (var process in now)
                {
                    _descendants.TryAdd((process.Id, process.StartTime), process);
                }
            }

            await Task.Delay(100);
        }
    }

    private List<ProcessInfo> LivingDescendants() =>
        [.. ProcessTable.Descendants(_process.Id).Where(process => process.State != 'Z')];

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>kill(2): a signal to a process, or with a negative id to its process group.</summary>
    public static partial class NativeSignals
    {
        /// <summary>SIGINT (Ctrl-C).</summary>
        public const int SigInt = 2;

        /// <summary>SIGKILL.</summary>
        public const int SigKill = 9;

        /// <summary>SIGTERM.</summary>
        public const int SigTerm = 15;

        /// <summary>Sends <paramref name="signal"/>; a process already gone is not an error.</summary>
        public static void Kill(int processId, int signal) => _ = KillNative(processId, signal);

        [LibraryImport("libc", EntryPoint = "kill")]
        private static partial int KillNative(int pid, int sig);
    }
}
