using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ShLogin.AppHostTests.Infrastructure;
using ShLogin.Testing.Browser;
using ShLogin.Testing.Files;

namespace ShLogin.AppHostTests;

/// <summary>
/// The README's first command, <c>dotnet run --project apphost</c>, as a developer runs it: the
/// dashboard's login URL and ShLogin's banner printed, the dashboard showing the three resources
/// running (saved as a screenshot), SIGTERM stopping everything; bad options and a stack that
/// never becomes healthy refused with one line.
/// </summary>
public sealed partial class AppHostCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    /// <summary>DCP stops processes in 4–19 s here; a little more on a loaded machine.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(40);

    private readonly TemporaryDirectory _directory = new();
    private readonly BrowserFixture _browser = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Dotnet_run_prints_the_dashboard_login_and_the_banner_shows_three_running_resources_and_the_sign_in_metric_and_stops_on_SIGTERM()
    {
        Requirements.Nginx();
        Requirements.Chromium();
        var readyFile = _directory.Combine("ready.json");
        await using var appHost = AppHostProcess.Start(["--ready-file", readyFile], _directory.Path);
        var ready = await appHost.WaitForReadyFileAsync(readyFile, ReadyTimeout);
        await appHost.WaitForOutputAsync("Stop with Ctrl-C.", TimeSpan.FromSeconds(10));
        TestContext.Current.TestOutputHelper?.WriteLine($"ready after {appHost.Elapsed.TotalSeconds:0.0} s");

        Assert.Contains("One click:  " + ready.LoginUrl + "?token=" + Uri.EscapeDataString(ready.Token!), appHost.Output, StringComparison.Ordinal);
        var dashboard = DashboardLogin().Match(appHost.Output);
        Assert.True(dashboard.Success, "no dashboard login URL in the output:\n" + appHost.Output);
        Assert.Equal(IPAddress.Loopback.ToString(), new Uri(dashboard.Groups["url"].Value).Host);

        await using (var context = await _browser.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(dashboard.Groups["url"].Value);
            foreach (var name in AppHostUnderTest.ResourceNames)
            {
                await Assertions.Expect(page.GetByText(name, new() { Exact = true }).First).ToBeVisibleAsync();
            }

            foreach (var name in AppHostUnderTest.ResourceNames)
            {
                var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByText(name, new() { Exact = true }) });
                await Assertions.Expect(row).ToContainTextAsync("Running");
                await Assertions.Expect(row).Not.ToContainTextAsync("Unhealthy");
            }

            await Screenshots.SaveAsync(page, "apphost-dashboard");
        }

        using (var browser = new StackBrowser(ready.Url))
        {
            using var anonymous = await browser.GetAsync("/");
            Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode);
            using var oneClick = await browser.GetAsync("/auth/login?token=" + Uri.EscapeDataString(ready.Token!));
            Assert.Equal(HttpStatusCode.SeeOther, oneClick.StatusCode);
        }

        // The login service exports its metrics over OTLP to the dashboard: the sign-in just made shows there.
        await using (var context = await _browser.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(dashboard.Groups["url"].Value);
            await Assertions.Expect(page.GetByText("nginx", new() { Exact = true }).First).ToBeVisibleAsync();
            await page.GotoAsync(new Uri(new Uri(dashboard.Groups["url"].Value), "/metrics/resource/login").ToString());
            var signIns = page.GetByText("shlogin.sign_ins", new() { Exact = true }).First;
            await Assertions.Expect(signIns).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await signIns.ClickAsync(new() { Force = true });
            // Its one series so far: the one-click sign-in above.
            await Assertions.Expect(page.GetByText("method", new() { Exact = true }).First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("link", new() { Exact = true }).First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "apphost-dashboard-metrics");
        }

        var stopping = Stopwatch.StartNew();
        appHost.Signal(AppHostProcess.NativeSignals.SigTerm);
        var exitCode = await appHost.WaitForExitAsync(StopTimeout);
        TestContext.Current.TestOutputHelper?.WriteLine($"stopped {stopping.Elapsed.TotalSeconds:0.0} s after SIGTERM");
        Assert.True(exitCode == 0, $"exit code {exitCode} after SIGTERM:\n{appHost.Output}");
        Assert.False(File.Exists(readyFile), "the ready file is removed at exit");
        Assert.False(Directory.Exists(ready.RuntimeDirectory), "the runtime directory is removed at exit");

        // DCP, told by the AppHost as it exits, stops the programs (4-19 s here).
        await AssertGoneAsync(ready.RuntimeDirectory);
    }

    [Fact]
    public async Task A_workload_that_never_becomes_healthy_stops_the_AppHost_within_the_timeout_naming_it()
    {
        Requirements.Nginx();
        const int TimeoutSeconds = 20;
        await using var appHost = AppHostProcess.Start(
            ["--workload", "sleep 300", "--startup-timeout", TimeoutSeconds.ToString(CultureInfo.InvariantCulture)], _directory.Path);

        var exitCode = await appHost.WaitForExitAsync(ReadyTimeout);

        Assert.Equal(1, exitCode);
        Assert.Matches(@"apphost: the stack did not become healthy within 20 s: not healthy: (login, )?app, nginx \(", appHost.Output);
        Assert.DoesNotContain("Stop with Ctrl-C.", appHost.Output, StringComparison.Ordinal);
        await AssertGoneAsync("sleep 300");
    }

    [Theory]
    [InlineData("--bogus", "unknown argument '--bogus'")]
    [InlineData("--startup-timeout=0", "--startup-timeout '0' is not accepted; use whole seconds 1-3600")]
    [InlineData("--workload=", "--workload is empty")]
    [InlineData("--otp-server=mysql", "--otp-server 'mysql' is not accepted; use sqlite or postgres")]
    public async Task A_bad_option_is_one_line_and_exit_code_2_before_anything_starts(string argument, string message)
    {
        await using var appHost = AppHostProcess.Start([argument], _directory.Path);

        var exitCode = await appHost.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var lines = appHost.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("apphost: ", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Aspire AppHost version", appHost.Output, StringComparison.Ordinal);
    }

    private static async Task AssertGoneAsync(string mentioning)
    {
        var deadline = Stopwatch.StartNew();
        List<ProcessInfo> alive;
        while ((alive = [.. ProcessTable.Mentioning(mentioning).Where(ProcessTable.IsRunning)]).Count > 0 && deadline.Elapsed < StopTimeout)
        {
            await Task.Delay(200);
        }

        Assert.True(alive.Count == 0, $"still running {StopTimeout.TotalSeconds:0} s after the AppHost exited: " + string.Join(", ", alive.Select(p => $"{p.Name} ({p.Id})")));
    }

    [GeneratedRegex(@"Login to the dashboard at (?<url>http://127\.0\.0\.1:\d+/login\?t=[0-9a-f]+)")]
    private static partial Regex DashboardLogin();
}
