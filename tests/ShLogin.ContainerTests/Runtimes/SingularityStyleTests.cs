using System.Globalization;
using ShLogin.ContainerTests.Browser;
using ShLogin.ContainerTests.Infrastructure;

namespace ShLogin.ContainerTests.Runtimes;

/// <summary>
/// The Jupyter image as Apptainer/Singularity run it on a cluster node (see <see cref="SingularityStyle"/>):
/// with nothing but /tmp writable the stack starts, takes a free port of the host on loopback only
/// (the node's network is shared with the cluster), and a notebook saved in Jupyter lands in the bound directory.
/// </summary>
public sealed class SingularityStyleTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Read_only_on_the_hosts_network_the_browser_signs_in_runs_a_cell_saves_it_to_the_bound_directory_and_signs_out()
    {
        var image = await ContainerImages.RequireAsync(ContainerImages.Jupyter);
        using var notebooks = await HostDirectory.CreateAsync();
        using var ready = await HostDirectory.CreateAsync();

        await using var container = await RunningContainer.StartAsync(
            SingularityStyle.Run(image, SingularityStyle.Runtime.Apptainer, [notebooks, ready], "--ready-file", ready.Combine("stack.json")));
        var stack = await container.WaitForReadyFileAsync(ready.Combine("stack.json"));

        Assert.StartsWith("/tmp/sh-login.", stack.RuntimeDirectory, StringComparison.Ordinal);
        var home = await container.ExecAsync("/bin/sh", "-c", "test -w \"$HOME\" || test -w /var/tmp || test -w /etc");
        Assert.True(home.ExitCode != 0, "Something besides /tmp is writable: the run does not emulate a read-only image.");

        // /tmp is the node's shared /tmp under Apptainer: the stack keeps everything in its runtime directory.
        var inTmp = (await container.ExecAsync("find", "/tmp", "-mindepth", "1", "-maxdepth", "1")).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = new[] { stack.RuntimeDirectory, notebooks.Path, ready.Path }.Where(path => Path.GetDirectoryName(path) == "/tmp");
        Assert.Equal(expected.Order(StringComparer.Ordinal), inTmp.Order(StringComparer.Ordinal));
        await AssertLoopbackOnlyAsync(stack, container);

        await JupyterFlow.SignInRunCellSaveAndSignOutAsync(browser, stack.Url, stack.Token, notebooks, "container-singularity-style-notebook");
    }

    [Theory]
    [InlineData(SingularityStyle.Runtime.Apptainer)]
    [InlineData(SingularityStyle.Runtime.SingularityCe)]
    public async Task Under_either_runtime_nginx_takes_a_free_host_port_on_loopback_and_the_tunnel_hint_matches(SingularityStyle.Runtime runtime)
    {
        var image = await ContainerImages.RequireAsync(ContainerImages.Jupyter);
        using var notebooks = await HostDirectory.CreateAsync();

        await using var container = await RunningContainer.StartAsync(
            SingularityStyle.Run(image, runtime, [notebooks], "--ready-file", notebooks.Combine(".stack.json")));
        var stack = await container.WaitForReadyFileAsync(notebooks.Combine(".stack.json"));

        await AssertLoopbackOnlyAsync(stack, container);
    }

    // Shared host network: the URL is the host's loopback, nobody on the network can connect, and
    // the ssh hint in the banner forwards to where nginx really listens.
    private static async Task AssertLoopbackOnlyAsync(StackInfo stack, RunningContainer container)
    {
        Assert.Equal("127.0.0.1", stack.Url.Host);
        Assert.Equal(stack.NginxPort, stack.Url.Port);
        Assert.InRange(stack.NginxPort, 9000, 64499);
        Assert.True(await HostAddresses.AcceptsAsync(System.Net.IPAddress.Loopback, stack.NginxPort), "nginx does not answer on the host's loopback.");
        if (HostAddresses.NonLoopback() is { } external)
        {
            Assert.False(await HostAddresses.AcceptsAsync(external, stack.NginxPort), $"nginx accepts connections on {external}: the whole network reaches it.");
        }

        var port = stack.NginxPort.ToString(CultureInfo.InvariantCulture);
        await container.LogsContainingAsync($"-L {port}:127.0.0.1:{port} ");
    }
}
