namespace ShLogin.ContainerTests.Infrastructure;

/// <summary>The podman CLI, always with the project's settings (<c>CONTAINERS_CONF=containers/podman/containers.conf</c>).</summary>
public static class Podman
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <c>podman ARGS</c> to completion.</summary>
    public static Task<ProcessResult> RunAsync(IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(
            Requirements.RootfulPodman(),
            arguments,
            new Dictionary<string, string?> { ["CONTAINERS_CONF"] = RepositoryPaths.PodmanSettings },
            timeout ?? DefaultTimeout);

    /// <summary>Runs <c>podman ARGS</c> and returns its standard output; throws with everything it printed when it fails.</summary>
    public static async Task<string> OutputOfAsync(IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var argumentList = arguments.ToList();
        var result = await RunAsync(argumentList, timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"podman {string.Join(' ', argumentList)} failed:\n{result}");
        }

        return result.StandardOutput.Trim();
    }
}
