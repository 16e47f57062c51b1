using ShLogin.ContainerTests.Browser;
using ShLogin.ContainerTests.Infrastructure;

namespace ShLogin.ContainerTests.Runtimes;

/// <summary>
/// The Jupyter image as Docker/Podman users run it: its own network namespace, the port published
/// on the host's loopback, the image's own unprivileged user, a notebook directory mounted in.
/// </summary>
public sealed class DockerStyleTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int ContainerPort = 8080;

    [Fact]
    public async Task Behind_a_published_port_the_browser_signs_in_runs_a_cell_saves_it_to_the_mounted_directory_and_signs_out()
    {
        var image = await ContainerImages.RequireAsync(ContainerImages.Jupyter);
        using var notebooks = await HostDirectory.CreateAsync();
        using var ready = await HostDirectory.CreateAsync();
        var hostPort = FreePort.Next();

        await using var container = await RunningContainer.StartAsync(
            Containers.Of(image)
                .WithLoopbackPort(hostPort, ContainerPort)
                .WithEnvironment("SH_LOGIN_NGINX", ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithBindMount(notebooks.Path, "/home/shlogin/work")
                .WithBindMount(ready.Path, "/ready")
                .WithCommand("--ready-file", "/ready/stack.json"));
        var stack = await container.WaitForReadyFileAsync(ready.Combine("stack.json"));

        Assert.Equal(ContainerPort, stack.NginxPort);
        Assert.StartsWith("/tmp/sh-login.", stack.RuntimeDirectory, StringComparison.Ordinal);
        Assert.Equal("1000", (await container.ExecAsync("id", "-u")).StandardOutput.Trim());

        // Reachable through the published port only if nginx listens on the container's every interface.
        await JupyterFlow.SignInRunCellSaveAndSignOutAsync(browser, new Uri($"http://127.0.0.1:{hostPort}/"), stack.Token, notebooks, "container-docker-style-notebook");
    }
}
