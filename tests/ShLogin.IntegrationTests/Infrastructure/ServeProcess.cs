using System.Collections;
using System.Diagnostics;
using System.Text;
using ShLogin.Stack;
using ShLogin.Supervisor.Processes;

namespace ShLogin.IntegrationTests.Infrastructure;

/// <summary>
/// The built <c>sh-login serve</c> as a real child process, with only the SH_LOGIN_* variables the
/// test gives. Started means it printed its "listening" line. Dispose kills it if it still runs.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    /// <summary>The start of the line serve prints once it accepts connections.</summary>
    public const string ListeningLine = "sh-login serve: listening on ";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(20);

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder errors = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process)
    {
        this.process = process;
    }

    /// <summary>The process id.</summary>
    public int Id => process.Id;

    /// <summary>What it printed on stdout so far.</summary>
    public string Output => Read(output);

    /// <summary>What it printed on stderr so far.</summary>
    public string Errors => Read(errors);

    /// <summary>Starts <c>sh-login serve ARGS</c> and waits for its listening line.</summary>
    /// <param name="arguments">The arguments after <c>serve</c>.</param>
    /// <param name="environment">SH_LOGIN_* and other variables; every other SH_LOGIN_* variable of the test process is removed.</param>
    /// <exception cref="InvalidOperationException">It exited or stayed silent instead; the message has its output.</exception>
    public static async Task<ServeProcess> StartAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var variables = new Dictionary<string, string?>(environment, StringComparer.Ordinal);
        foreach (DictionaryEntry inherited in Environment.GetEnvironmentVariables())
        {
            var name = (string)inherited.Key;
            if (name.StartsWith("SH_LOGIN_", StringComparison.Ordinal) && !variables.ContainsKey(name))
            {
                variables[name] = null;
            }
        }

        var command = ShLoginExecutable.Command;
        var startInfo = ProcessRunner.CreateStartInfo(command[0], [.. command.Skip(1), "serve", .. arguments], variables);
        var serve = new ServeProcess(new Process { StartInfo = startInfo, EnableRaisingEvents = true });
        serve.process.OutputDataReceived += (_, line) => serve.OnOutput(line.Data);
        serve.process.ErrorDataReceived += (_, line) => Append(serve.errors, line.Data);
        serve.process.Exited += (_, _) => serve.listening.TrySetException(new InvalidOperationException("sh-login serve exited before it listened."));
        serve.process.Start();
        serve.process.BeginOutputReadLine();
        serve.process.BeginErrorReadLine();

        try
        {
            await serve.listening.Task.WaitAsync(StartTimeout);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            await serve.DisposeAsync();
            throw new InvalidOperationException($"sh-login serve did not start: {e.Message}\n--- stdout ---\n{serve.Output}\n--- stderr ---\n{serve.Errors}", e);
        }

        return serve;
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. SIGTERM) and returns the exit code.</summary>
    public async Task<int> StopAsync(int signal)
    {
        Assert.True(Signals.Send(process.Id, signal), "sh-login serve was already gone");
        using var timeout = new CancellationTokenSource(ExitTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>Kills it at once (SIGKILL): no chance to clean up, as after a crash.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        using var timeout = new CancellationTokenSource(ExitTimeout);
        await process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                await KillAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    private static string Read(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }

    private void OnOutput(string? line)
    {
        Append(output, line);
        if (line?.StartsWith(ListeningLine, StringComparison.Ordinal) == true)
        {
            listening.TrySetResult();
        }
    }
}
