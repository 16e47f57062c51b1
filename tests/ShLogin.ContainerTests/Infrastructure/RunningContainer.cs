using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace ShLogin.ContainerTests.Infrastructure;

/// <summary>A container started through Testcontainers for one test, removed when it is disposed.</summary>
public sealed class RunningContainer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private readonly IContainer _container;
    private readonly Task<long> _exit;

    private RunningContainer(IContainer container)
    {
        _container = container;
        _exit = container.GetExitCodeAsync();
    }

    /// <summary>The container's name.</summary>
    public string Name => _container.Name;

    /// <summary>
    /// Starts the container <paramref name="builder"/> describes. With <paramref name="mayExitAtOnce"/>
    /// it may end before it could be seen running (bad input refused at once).
    /// </summary>
    public static async Task<RunningContainer> StartAsync(ContainerBuilder builder, bool mayExitAtOnce = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        await PodmanApi.EnsureAsync();
        var container = builder.Build();
        try
        {
            await container.StartAsync(TestContext.Current.CancellationToken);
        }
        catch (Exception) when (mayExitAtOnce)
        {
            // It ran and ended before its start was confirmed: its exit code and output tell.
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }

        return new RunningContainer(container);
    }

    /// <summary>What the container wrote to its standard output and error.</summary>
    public async Task<(string Stdout, string Stderr)> OutputAsync() => await _container.GetLogsAsync(timestampsEnabled: false, ct: TestContext.Current.CancellationToken);

    /// <summary>Both streams, as one text.</summary>
    public async Task<string> LogsAsync()
    {
        var (stdout, stderr) = await OutputAsync();
        return stdout + stderr;
    }

    /// <summary>Waits up to 10 s for <paramref name="text"/> in the container's output.</summary>
    public async Task<string> LogsContainingAsync(string text)
    {
        await Containers.WaitUntilAsync(
            async () => (await LogsAsync()).Contains(text, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            async () => $"The container's logs do not hold \"{text}\":\n{await LogsAsync()}");
        return await LogsAsync();
    }

    /// <summary>Whether it is still running.</summary>
    public bool IsRunning => !_exit.IsCompleted;

    /// <summary>Its exit code, once it has ended.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout) => (int)await _exit.WaitAsync(timeout);

    /// <summary>Stops it as <c>docker stop -t GRACE</c> does: SIGTERM, then SIGKILL after <paramref name="graceSeconds"/>.</summary>
    public Task StopAsync(int graceSeconds) => Containers.StopAsync(_container.Id, graceSeconds);

    /// <summary>Runs a command in it.</summary>
    public async Task<ProcessResult> ExecAsync(params string[] command)
    {
        var result = await _container.ExecAsync(command, TestContext.Current.CancellationToken);
        return new ProcessResult(checked((int)(result.ExitCode ?? -1)), result.Stdout, result.Stderr);
    }

    /// <summary>Waits for the stack's ready file, failing early if the container ends first.</summary>
    public async Task<StackInfo> WaitForReadyFileAsync(string hostPath)
    {
        await Containers.WaitUntilAsync(
            async () =>
            {
                if (!IsRunning && !File.Exists(hostPath))
                {
                    Assert.Fail($"The container stopped (exit {await _exit}) before the stack was ready:\n{await LogsAsync()}");
                }

                return File.Exists(hostPath);
            },
            ReadyTimeout,
            async () => $"No ready file {hostPath} after {ReadyTimeout}:\n{await LogsAsync()}");
        return StackInfo.Parse(await File.ReadAllTextAsync(hostPath));
    }

    /// <summary>Removes the container (Testcontainers' own disposal leaves a stopped one behind when its reaper is off).</summary>
    public async ValueTask DisposeAsync()
    {
        var id = _container.Id;
        await _container.DisposeAsync();
        await Containers.RemoveAsync(id);
    }
}
