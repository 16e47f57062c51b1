using System.Collections.Concurrent;
using Microsoft.Playwright;
using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.CodeServer;

/// <summary>
/// code-server (from npm, tests/tools/install-code-server) as the <c>code-server</c> preset runs it:
/// on the private socket with no login of its own, behind the stack in Chromium. The editor loads,
/// its WebSocket to the server connects through nginx, and the explorer lists the working directory
/// (which it reads over that WebSocket).
/// </summary>
public sealed class CodeServerTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int WorkbenchTimeout = 120_000;

    [Fact]
    public async Task The_editor_loads_behind_the_login_and_its_WebSocket_lists_the_working_directory()
    {
        Requirements.Nginx();
        var codeServer = Requirements.CodeServer();
        using var directory = new TemporaryDirectory();
        var marker = $"shlogin-{Guid.NewGuid():N}.txt";
        await File.WriteAllTextAsync(directory.Combine(marker), "6*7", TestContext.Current.CancellationToken);
        var path = Path.GetDirectoryName(codeServer) + ":" + Environment.GetEnvironmentVariable("PATH");
        await using var stack = await StackProcess.StartAsync(
            new StackOptions
            {
                Environment = new Dictionary<string, string?> { ["SH_LOGIN_APP"] = "code-server", ["PATH"] = path },
                WorkingDirectory = directory.Path,
                StartupTimeout = TimeSpan.FromSeconds(120),
            });

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var sockets = new ConcurrentBag<IWebSocket>();
        page.WebSocket += (_, socket) => sockets.Add(socket);
        var login = new LoginPage(page);

        await page.GotoAsync(stack.Url.ToString());
        Assert.True(await login.IsShownAsync(), $"code-server shows {page.Url} before signing in, not the login page.");
        Assert.Equal("Sign in to code-server", await page.TitleAsync());
        Assert.Equal(303, (await login.SignInWithTokenAsync(stack.Token))?.Status);

        await Assertions.Expect(page.Locator(".monaco-workbench")).ToBeVisibleAsync(new() { Timeout = WorkbenchTimeout });
        var explorer = page.Locator(".explorer-folders-view").GetByText(marker);
        await Assertions.Expect(explorer).ToBeVisibleAsync(new() { Timeout = WorkbenchTimeout });
        await Screenshots.SaveAsync(page, "code-server-editor");

        var open = sockets.Where(socket => !socket.IsClosed).Select(socket => new Uri(socket.Url)).ToList();
        Assert.Contains(open, url => url.Scheme == "ws" && url.Authority == stack.Url.Authority);

        var processes = stack.Descendants();
        Assert.Contains(processes, process => process.CommandLine.Contains("--auth none", StringComparison.Ordinal)
            && process.CommandLine.Contains("--socket " + stack.RuntimeDirectory + "/", StringComparison.Ordinal));
        Assert.All(processes, process => Assert.DoesNotContain(stack.Token, process.CommandLine, StringComparison.Ordinal));
        Assert.DoesNotContain("warning: the app", stack.StandardError, StringComparison.Ordinal);
    }
}
