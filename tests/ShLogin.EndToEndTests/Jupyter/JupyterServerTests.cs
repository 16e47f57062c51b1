using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using ShLogin.EndToEndTests.Infrastructure;
using ShLogin.Testing.Network;

namespace ShLogin.EndToEndTests.Jupyter;

/// <summary>
/// Jupyter Server, the server JupyterLab and Notebook 7 run on (Debian's 1.23 here), behind the
/// stack in Chromium: the page signs in, starts a kernel through the REST API and runs <c>6*7</c>
/// over the kernel's WebSocket through nginx, on the private socket and on a loopback port.
/// </summary>
public sealed class JupyterServerTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task On_the_private_socket_a_signed_in_page_runs_6_times_7_in_a_kernel_over_its_WebSocket()
    {
        RequireJupyterServer();
        await using var stack = await StackProcess.StartAsync(StackOptions.JupyterServer());

        await SignInAndRunKernelAsync(stack, "jupyter-server-socket");

        var jupyter = stack.Descendants().Single(process => process.CommandLine.Contains("jupyter_server", StringComparison.Ordinal));
        Assert.Contains("--ServerApp.sock=" + stack.RuntimeDirectory + "/", jupyter.CommandLine, StringComparison.Ordinal);
        Assert.DoesNotContain("--port", jupyter.CommandLine, StringComparison.Ordinal);
        Assert.DoesNotContain(stack.Token, jupyter.CommandLine, StringComparison.Ordinal);
        Assert.DoesNotContain("warning: the app", stack.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_loopback_port_Jupyter_Server_refuses_everyone_but_nginx_which_holds_its_token()
    {
        RequireJupyterServer();
        var port = FreePort.Next();
        await using var stack = await StackProcess.StartAsync(StackOptions.JupyterServer(("SH_LOGIN_PORT", port.ToString(CultureInfo.InvariantCulture))));

        await SignInAndRunKernelAsync(stack, "jupyter-server-port");

        // Another user of the host reaches the port, but Jupyter Server wants a token that only nginx has.
        using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using (var anonymous = await direct.GetAsync(new Uri("api/kernels", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        }

        using var guessed = new HttpRequestMessage(HttpMethod.Get, "api/kernels");
        guessed.Headers.Authorization = new AuthenticationHeaderValue("token", stack.Token);
        using (var withTheLoginToken = await direct.SendAsync(guessed, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Forbidden, withTheLoginToken.StatusCode);
        }

        Assert.DoesNotContain("warning: the app", stack.StandardError, StringComparison.Ordinal);
        // Its token reached Jupyter Server by the environment: no command line of the stack names one.
        Assert.All(stack.Descendants(), process => Assert.DoesNotContain("token", process.CommandLine, StringComparison.OrdinalIgnoreCase));
    }

    private static void RequireJupyterServer()
    {
        Requirements.Nginx();
        Requirements.JupyterServer();
    }

    private async Task SignInAndRunKernelAsync(StackProcess stack, string screenshotName)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);

        await page.GotoAsync(new Uri(stack.Url, "api/kernels").ToString());
        Assert.True(await login.IsShownAsync(), $"Jupyter Server's API shows {page.Url} before signing in, not the login page.");
        Assert.Equal("Sign in to Jupyter Server", await page.TitleAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Sign in to Jupyter Server");
        await Assertions.Expect(page.GetByText("The token printed in the terminal where ShLogin was started.")).ToBeVisibleAsync();

        Assert.Equal(303, (await login.SignInWithTokenAsync(stack.Token))?.Status);
        await page.WaitForPathAsync(path => path == "/api/kernels");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("[]");

        // The API's answers forbid scripts (CSP default-src 'none'); Jupyter Server's own page at /
        // lets them fetch, and sets the XSRF cookie that the API wants echoed on writes.
        await page.GotoAsync(stack.Url.ToString());
        Assert.Matches(@"^\d+\.\d+\.", await JupyterServerPages.VersionAsync(page));
        var run = await JupyterServerPages.RunInNewKernelAsync(page, "6*7");
        Assert.Equal("42", run.Result);
        Assert.Equal(204, run.ShutdownStatus);
        await Screenshots.SaveAsync(page, screenshotName);
    }
}
