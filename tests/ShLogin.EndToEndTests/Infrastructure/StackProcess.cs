using System.Diagnostics;
using System.Text;

namespace ShLogin.EndToEndTests.Infrastructure;

/// <summary>
/// A real <c>sh-login start --ready-file PATH</c> run as its own process (the built
/// <c>sh-login.dll</c> copied next to the tests, or the native binary: <see cref="ShLoginExecutable"/>), with its own TMPDIR and working directory. Its
/// data comes from the ready file only, never from the banner. Dispose stops it as a user would
/// (SIGTERM), kills it after 15 s, and removes the directories the test made.
/// </summary>
public sealed class StackProcess : IAsyncDisposable
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(15);

    private readonly Process process;
    private readonly TemporaryDirectory root;
    private readonly StringBuilder standardOutput = new();
    private readonly StringBuilder standardError = new();
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ReadyFile? ready;

    private StackProcess(Process process, TemporaryDirectory root, string readyFilePath, string tmpDirectory, string workingDirectory)
    {
        this.process = process;
        this.root = root;
        ReadyFilePath = readyFilePath;
        TmpDirectory = tmpDirectory;
        WorkingDirectory = workingDirectory;
    }

    /// <summary>The process id of <c>sh-login start</c>.</summary>
    public int ProcessId => process.Id;

    /// <summary>Where start was told to write its ready file.</summary>
    public string ReadyFilePath { get; }

    /// <summary>The TMPDIR start was given: a fresh directory of this stack, under which start creates its runtime dir.</summary>
    public string TmpDirectory { get; }

    /// <summary>Start's working directory (Jupyter's notebook directory).</summary>
    public string WorkingDirectory { get; }

    /// <summary>What start wrote to its ready file.</summary>
    public ReadyFile Ready => ready ?? throw new InvalidOperationException("The stack is not ready.");

    /// <summary>The public base URL.</summary>
    public Uri Url => Ready.Url;

    /// <summary>The access token.</summary>
    public string Token => Ready.Token ?? throw new InvalidOperationException("The ready file has no token:\n" + Describe());

    /// <summary>The private runtime directory.</summary>
    public string RuntimeDirectory => Ready.RuntimeDirectory;

    /// <summary>True once start has exited.</summary>
    public bool HasExited => exited.Task.IsCompleted;

    /// <summary>Start's exit code (only after it exited).</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Everything start wrote to stdout so far.</summary>
    public string StandardOutput
    {
        get
        {
            lock (standardOutput)
            {
                return standardOutput.ToString();
            }
        }
    }

    /// <summary>Everything start wrote to stderr so far (its log).</summary>
    public string StandardError
    {
        get
        {
            lock (standardError)
            {
                return standardError.ToString();
            }
        }
    }

    /// <summary>Starts the stack and waits until its ready file appears.</summary>
    /// <exception cref="InvalidOperationException">Start exited or never became ready; the message has its output.</exception>
    public static async Task<StackProcess> StartAsync(StackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stack = Launch(options);
        try
        {
            await stack.WaitUntilReadyAsync(options.StartupTimeout);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts <c>sh-login start</c> without waiting for anything.</summary>
    public static StackProcess Launch(StackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = new TemporaryDirectory();
        var control = CreatePrivateDirectory(root.Path, "ctl");
        var tmp = CreatePrivateDirectory(root.Path, "tmp");
        var workingDirectory = options.WorkingDirectory ?? CreatePrivateDirectory(root.Path, "home");
        var readyFile = options.ReadyFile ?? Path.Combine(control, "ready.json");

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("SH_LOGIN_", StringComparison.Ordinal))
            {
                environment[name] = null;
            }
        }

        environment["TMPDIR"] = tmp;
        foreach (var (name, value) in options.Environment)
        {
            environment[name] = value;
        }

        string[] command = [.. options.Launcher, .. ShLoginExecutable.Command, "start", "--ready-file", readyFile, .. options.Arguments];
        var startInfo = ProcessRunner.CreateStartInfo(command[0], command[1..], environment);
        startInfo.WorkingDirectory = workingDirectory;
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var stack = new StackProcess(process, root, readyFile, environment["TMPDIR"] ?? tmp, workingDirectory);
        process.OutputDataReceived += (_, line) => Append(stack.standardOutput, stack.outputClosed, line.Data);
        process.ErrorDataReceived += (_, line) => Append(stack.standardError, stack.errorClosed, line.Data);
        process.Exited += (_, _) => stack.exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return stack;
    }

    /// <summary>Waits for the ready file.</summary>
    /// <exception cref="InvalidOperationException">Start exited first, or the time ran out; the message has its output.</exception>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (HasExited)
            {
                await WaitForOutputAsync();
                throw new InvalidOperationException($"sh-login start exited before it was ready.\n{Describe()}");
            }

            if (ReadyFile.TryRead(ReadyFilePath) is { } file)
            {
                ready = file;
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"sh-login start wrote no ready file within {timeout.TotalSeconds} s.\n{Describe()}");
    }

    /// <summary>Waits until start exits; returns its exit code, or null if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await exited.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            return null;
        }

        await WaitForOutputAsync();
        return process.ExitCode;
    }

    /// <summary>Sends a signal to start itself.</summary>
    public void Signal(int signal)
    {
        if (!HasExited)
        {
            Signals.Send(process.Id, signal);
        }
    }

    /// <summary>The processes below start now (nginx, the login service, the workload and their children).</summary>
    public IReadOnlyList<ProcessInfo> Descendants() => ProcessTable.Descendants(process.Id);

    /// <summary>Exit state and both streams, for assertion messages.</summary>
    public string Describe() =>
        $"sh-login start (pid {process.Id}) {(HasExited ? $"exited with {process.ExitCode}" : "is running")}\n" +
        $"--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";

    /// <summary>Stops start with SIGTERM (SIGKILL to it and what it left after 15 s) and removes the test's directories.</summary>
    public async ValueTask DisposeAsync()
    {
        var descendants = HasExited ? [] : Descendants();
        Signal(Signals.SigTerm);
        if (await WaitForExitAsync(GracePeriod) is null)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                await exited.Task.WaitAsync(GracePeriod);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }
        }

        // Whatever start failed to stop must not disturb the next tests; the tests that care assert on it first.
        foreach (var leftover in descendants.Where(ProcessTable.IsRunning))
        {
            Signals.Send(leftover.Id, Signals.SigKill);
        }

        process.Dispose();
        root.Dispose();
    }

    private static string CreatePrivateDirectory(string parent, string name)
    {
        var path = Path.Combine(parent, name);
        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static void Append(StringBuilder text, TaskCompletionSource closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }

    // Children that outlive start keep its pipes open: wait for the end of output only briefly.
    private async Task WaitForOutputAsync()
    {
        try
        {
            await Task.WhenAll(outputClosed.Task, errorClosed.Task).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (TimeoutException)
        {
        }
    }
}
