namespace ShLogin.AppHostTests.Infrastructure;

/// <summary>podman, run with the checkout's containers.conf as the AppHost and containers/build use it.</summary>
public static class Podman
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>podman and the images of containers/build; returns the podman program.</summary>
    public static async Task<string> RequireWithImagesAsync(params string[] images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var podman = Requirements.Podman();
        foreach (var image in images)
        {
            var (exitCode, output) = await RunAsync(podman, "image", "exists", image);
            if (exitCode != 0)
            {
                Requirements.Missing($"the image {image} is not built (run containers/build): podman image exists exited with {exitCode} {output}");
            }
        }

        return podman;
    }

    /// <summary>Runs podman to completion; returns its exit code and its output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string podman, params string[] arguments)
    {
        // A CONTAINERS_CONF of the test run wins, as it does for the AppHost.
        var environment = Environment.GetEnvironmentVariable("CONTAINERS_CONF") is null && File.Exists(RepositoryPaths.PodmanSettings)
            ? new Dictionary<string, string?> { ["CONTAINERS_CONF"] = RepositoryPaths.PodmanSettings }
            : null;
        var result = await ProcessRunner.RunAsync(podman, arguments, environment, Timeout);
        return (result.ExitCode, (result.StandardOutput + result.StandardError).Trim());
    }
}
