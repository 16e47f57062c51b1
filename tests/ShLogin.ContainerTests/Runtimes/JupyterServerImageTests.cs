using ShLogin.ContainerTests.Infrastructure;

namespace ShLogin.ContainerTests.Runtimes;

/// <summary>
/// Jupyter Server from the Jupyter image (Debian's python3-jupyter-server), as Docker/Podman users
/// run it: <c>SH_LOGIN_APP=jupyter-server</c>, the port published on the host's loopback, the
/// image's unprivileged user. Chromium signs in and runs <c>6*7</c> over a kernel's WebSocket.
/// </summary>
public sealed class JupyterServerImageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int ContainerPort = 8080;

    [Fact]
    public async Task Behind_a_published_port_a_signed_in_page_runs_6_times_7_in_a_Jupyter_Server_kernel()
    {
        var image = await ContainerImages.RequireAsync(ContainerImages.Jupyter);
        using var ready = await HostDirectory.CreateAsync();
        var hostPort = FreePort.Next();

        await using var container = await RunningContainer.StartAsync(
            Containers.Of(image)
                .WithLoopbackPort(hostPort, ContainerPort)
                .WithEnvironment("SH_LOGIN_NGINX", ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithEnvironment("SH_LOGIN_APP", "jupyter-server")
                .WithBindMount(ready.Path, "/ready")
                .WithCommand("--ready-file", "/ready/stack.json"));
        var stack = await container.WaitForReadyFileAsync(ready.Combine("stack.json"));
        var baseUrl = new Uri($"http://127.0.0.1:{hostPort}/");

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await page.GotoAsync(baseUrl.ToString());
        Assert.True(await login.IsShownAsync(), $"The container's URL shows {page.Url}, not the login page.");
        Assert.Equal("Sign in to Jupyter Server", await page.TitleAsync());
        Assert.Equal(303, (await login.SignInWithTokenAsync(stack.Token))?.Status);

        var run = await JupyterServerPages.RunInNewKernelAsync(page, "6*7");
        Assert.Equal("42", run.Result);
        Assert.Equal(204, run.ShutdownStatus);
        await Screenshots.SaveAsync(page, "container-jupyter-server");

        // The image has no ps: every process's command line from /proc, one a line.
        var processes = (await container.ExecAsync("sh", "-c", "for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < \"$f\"; echo; done")).StandardOutput;
        Assert.Contains("-m jupyter_server", processes, StringComparison.Ordinal);
        Assert.Contains("--ServerApp.sock=", processes, StringComparison.Ordinal);
        Assert.DoesNotContain(stack.Token, processes, StringComparison.Ordinal);
    }
}
