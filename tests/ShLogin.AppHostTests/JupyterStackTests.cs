using Microsoft.Playwright;
using ShLogin.AppHostTests.Infrastructure;
using ShLogin.Testing.Browser;

namespace ShLogin.AppHostTests;

/// <summary>The AppHost with <c>--workload jupyter</c>: Jupyter on the runtime directory's socket, a kernel run through nginx (its WebSocket included) after the one-click login.</summary>
public sealed class JupyterStackTests : IAsyncLifetime
{
    private readonly BrowserFixture _browser = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _browser.DisposeAsync();

    [Fact]
    public async Task The_Jupyter_stack_runs_a_kernel_through_nginx_after_the_one_click_login()
    {
        Requirements.Nginx();
        Requirements.Jupyter();
        Requirements.Chromium();
        await using var stack = await AppHostUnderTest.StartAsync("--workload", "jupyter");
        var ready = stack.Ready;

        // Jupyter listens on the private socket, where no other user of the host can reach it.
        Assert.True(File.Exists(Path.Combine(ready.RuntimeDirectory, "app.sock")), "Jupyter is not on the runtime directory's socket");

        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync(new Uri(ready.LoginUrl + "?token=" + Uri.EscapeDataString(ready.Token!)).ToString());
        await Assertions.Expect(JupyterPages.FileList(page)).ToBeVisibleAsync();

        var notebook = await JupyterPages.CreateNotebookAsync(page, $"apphost-{Guid.NewGuid():N}.ipynb");
        await page.GotoAsync(new Uri(ready.Url, notebook).ToString());
        Assert.Equal("42", (await JupyterPages.RunFirstCellAsync(page, "print(6*7)")).Trim());
        await Screenshots.SaveAsync(page, "apphost-jupyter");
    }
}
