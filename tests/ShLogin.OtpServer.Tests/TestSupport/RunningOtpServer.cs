using System.Diagnostics;
using System.Text;

namespace ShLogin.OtpServer.Tests.TestSupport;

/// <summary><c>sh-login otp-server</c> as its own process on a unix socket, killed (SIGKILL) at the end.</summary>
public sealed class RunningOtpServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningOtpServer(Process process, string socket)
    {
        _process = process;
        Socket = socket;
        Client = UnixSocketHttp.Client(socket);
        Client.Timeout = TimeSpan.FromSeconds(60);
    }

    public string Socket { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts it and waits until it says it listens.</summary>
    public static async Task<RunningOtpServer> StartAsync(string dataDirectory, string socket, IReadOnlyDictionary<string, string?> environment)
    {
        var command = ShLoginExecutable.Command;
        var startInfo = ProcessRunner.CreateStartInfo(command[0], [.. command.Skip(1), "otp-server", "--data-dir", dataDirectory, "--socket", socket], environment);
        var process = new Process { StartInfo = startInfo };
        var server = new RunningOtpServer(process, socket);
        process.OutputDataReceived += (_, line) => server.Record(line.Data, listening: true);
        process.ErrorDataReceived += (_, line) => server.Record(line.Data, listening: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var first = await Task.WhenAny(server._listening.Task, exited).WaitAsync(StartTimeout, TestContext.Current.CancellationToken);
        Assert.True(first == server._listening.Task, $"sh-login otp-server ended before listening:\n{server.Output}");
        return server;
    }

    /// <summary>SIGKILL, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    private void Record(string? line, bool listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (listening && line.Contains("listening on", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
