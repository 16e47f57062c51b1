using Microsoft.Playwright;
using ShLogin.AppHostTests.Infrastructure;
using ShLogin.Testing.Browser;

namespace ShLogin.AppHostTests;

/// <summary>
/// The AppHost with <c>--workload jupyter-server</c>: Debian's Jupyter Server on the runtime
/// directory's socket; after the one-click login a page runs <c>6*7</c> over a kernel's WebSocket through nginx.
/// </summary>
public sealed class JupyterServerStackTests : IAsyncLifetime
{
    private readonly BrowserFixture _browser = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _browser.DisposeAsync();

    [Fact]
    public async Task The_Jupyter_Server_stack_runs_a_kernel_over_its_WebSocket_after_the_one_click_login()
    {
        Requirements.Nginx();
        Requirements.JupyterServer();
        Requirements.Chromium();
        await using var stack = await AppHostUnderTest.StartAsync("--workload", "jupyter-server");
        var ready = stack.Ready;
        Assert.True(File.Exists(Path.Combine(ready.RuntimeDirectory, "app.sock")), "Jupyter Server is not on the runtime directory's socket");

        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(ready.LoginUrl.ToString());
        Assert.Equal("Sign in to Jupyter Server", await page.TitleAsync());
        await page.GotoAsync(new Uri(ready.LoginUrl + "?token=" + Uri.EscapeDataString(ready.Token!)).ToString());
        await page.WaitForPathAsync(path => path == "/");

        var run = await JupyterServerPages.RunInNewKernelAsync(page, "6*7");
        Assert.Equal("42", run.Result);
        await Screenshots.SaveAsync(page, "apphost-jupyter-server");
    }
}
