using System.Diagnostics;
using ShLogin.ContainerTests.Infrastructure;

namespace ShLogin.ContainerTests.Runtimes;

/// <summary><c>podman stop</c> (SIGTERM to the container) ends the whole stack cleanly, well before podman's SIGKILL.</summary>
public sealed class StopTests
{
    [Theory]
    [InlineData(ContainerImages.Jupyter)]
    [InlineData(ContainerImages.ShLogin)]
    public async Task Podman_stop_ends_the_container_within_10_seconds_with_exit_code_0(string imageName)
    {
        var image = await ContainerImages.RequireAsync(imageName);
        using var ready = await HostDirectory.CreateAsync();
        await using var container = await RunningContainer.StartAsync(
            Containers.Of(image).WithBindMount(ready.Path, "/ready").WithCommand("--ready-file", "/ready/stack.json"));
        await container.WaitForReadyFileAsync(ready.Combine("stack.json"));

        var clock = Stopwatch.StartNew();
        await container.StopAsync(graceSeconds: 30);
        clock.Stop();

        var logs = await container.LogsAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"podman stop took {clock.Elapsed}.\n{logs}");
        Assert.False(container.IsRunning);
        var exitCode = await container.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.True(exitCode == 0, $"Exit code {exitCode} after the stop.\n{logs}");
        Assert.False(File.Exists(ready.Combine("stack.json")), "The ready file outlived the stack: start did not clean up.");
    }
}
