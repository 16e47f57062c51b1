using System.Globalization;

namespace ShLogin.ContainerTests.Infrastructure;

/// <summary>
/// A detached container (<c>podman run -d</c>) with a unique name; dispose removes it, running or
/// not. Helpers wait for the stack's ready file, read the log and stop it as a user would.
/// </summary>
public sealed class RunningContainer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private RunningContainer(string name) => Name = name;

    /// <summary>The container's name.</summary>
    public string Name { get; }

    /// <summary>Runs <c>podman run -d --name NAME OPTIONS IMAGE ARGS</c>.</summary>
    /// <param name="options">podman run options (ports, mounts, variables, user…).</param>
    /// <param name="image">The image.</param>
    /// <param name="arguments">What follows the image: the entrypoint's arguments.</param>
    public static async Task<RunningContainer> StartAsync(IEnumerable<string> options, string image, IEnumerable<string> arguments)
    {
        var container = new RunningContainer("shlogin-test-" + Guid.NewGuid().ToString("N")[..12]);
        await Podman.OutputOfAsync(["run", "-d", "--name", container.Name, .. options, image, .. arguments]);
        return container;
    }

    /// <summary>Everything the container printed so far (stdout and stderr).</summary>
    public async Task<string> LogsAsync()
    {
        var logs = await Podman.RunAsync(["logs", Name]);
        return logs.StandardOutput + logs.StandardError;
    }

    /// <summary>
    /// The logs once they hold <paramref name="text"/>, waiting up to 10 s: the log file may lag a
    /// moment behind what the stack printed before its ready file. Fails naming the text if it never comes.
    /// </summary>
    public async Task<string> LogsContainingAsync(string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var logs = await LogsAsync();
        while (!logs.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The container's logs do not hold \"{text}\":\n{logs}");
            await Task.Delay(100);
            logs = await LogsAsync();
        }

        return logs;
    }

    /// <summary>Whether the container is still running.</summary>
    public async Task<bool> IsRunningAsync() =>
        await Podman.OutputOfAsync(["inspect", "--format", "{{.State.Running}}", Name]) == "true";

    /// <summary>The exit code of the stopped container.</summary>
    public async Task<int> ExitCodeAsync() =>
        int.Parse(await Podman.OutputOfAsync(["inspect", "--format", "{{.State.ExitCode}}", Name]), CultureInfo.InvariantCulture);

    /// <summary>Waits until the container stopped by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout) =>
        int.Parse(await Podman.OutputOfAsync(["wait", Name], timeout), CultureInfo.InvariantCulture);

    /// <summary><c>podman stop -t SECONDS</c>: SIGTERM, then SIGKILL after the grace period.</summary>
    public Task<string> StopAsync(int graceSeconds) =>
        Podman.OutputOfAsync(["stop", "-t", graceSeconds.ToString(CultureInfo.InvariantCulture), Name], TimeSpan.FromSeconds(graceSeconds + 30));

    /// <summary>Runs a command inside the running container.</summary>
    public Task<ProcessResult> ExecAsync(params string[] command) => Podman.RunAsync(["exec", Name, .. command]);

    /// <summary>
    /// Waits for the ready file (in a host directory the container writes to) and parses it;
    /// fails with the container's log if the container stops first or nothing comes in time.
    /// </summary>
    public async Task<StackInfo> WaitForReadyFileAsync(string hostPath)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(hostPath))
            {
                return StackInfo.Parse(await File.ReadAllTextAsync(hostPath));
            }

            if (!await IsRunningAsync())
            {
                Assert.Fail($"The container stopped (exit {await ExitCodeAsync()}) before the stack was ready:\n{await LogsAsync()}");
            }

            await Task.Delay(250);
        }

        Assert.Fail($"No ready file {hostPath} after {ReadyTimeout}:\n{await LogsAsync()}");
        throw new TimeoutException();
    }

    /// <summary>Removes the container (killing it if it still runs).</summary>
    public async ValueTask DisposeAsync()
    {
        await Podman.RunAsync(["rm", "--force", "--time", "0", Name]);
    }
}
