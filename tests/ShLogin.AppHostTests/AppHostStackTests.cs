using ShLogin.Stack;
using System.Diagnostics;
using System.Net;
using System.Text;
using ShLogin.AppHostTests.Infrastructure;
using ShLogin.Hosting.Processes;

namespace ShLogin.AppHostTests;

/// <summary>
/// The AppHost end to end, in the spirit of Aspire.Hosting.Testing: start it, wait until every
/// resource is healthy (its ready file), use the app through nginx without and with a session,
/// stop it with Ctrl-C (SIGINT) and check that nothing it started is left.
/// </summary>
public sealed class AppHostStackTests : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    /// <summary>DESIGN: SIGINT/SIGTERM stop everything within 10 s; a little more for a loaded CI machine.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly string _directory = Directory.CreateTempSubdirectory("apphost-test.").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_demo_stack_serves_the_app_only_after_login_and_Ctrl_C_leaves_nothing_behind()
    {
        Requirements.Nginx();
        await RunStackAsync([], protectedPath: "/", expectedContent: "ShLogin demo");
    }

    [Fact]
    public async Task The_Jupyter_stack_serves_Jupyter_only_after_login_and_Ctrl_C_leaves_nothing_behind()
    {
        Requirements.Nginx();
        Requirements.Jupyter();
        await RunStackAsync(["--workload", "jupyter"], protectedPath: "/api", expectedContent: "\"version\"");
    }

    [Theory]
    [InlineData("demo", "localhost/shlogin:latest", "/", "ShLogin demo")]
    [InlineData("jupyter", "localhost/shlogin-jupyter:latest", "/api", "\"version\"")]
    public async Task The_container_stack_serves_the_app_only_after_login_and_Ctrl_C_leaves_no_process_or_container(
        string workload, string workloadImage, string protectedPath, string expectedContent)
    {
        var podman = await Podman.RequireWithImagesAsync("localhost/shlogin:latest", workloadImage);
        var ready = await RunStackAsync(
            ["--containers", "--workload", workload],
            protectedPath,
            expectedContent,
            new Dictionary<string, string> { ["ASPIRE_CONTAINER_RUNTIME"] = "podman" });

        var (exitCode, containers) = await Podman.RunAsync(
            podman, "ps", "--all", "--quiet", "--filter", "label=io.shlogin.runtime-dir=" + ready.RuntimeDirectory);
        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, containers);
    }

    [Fact]
    public async Task A_resource_that_never_becomes_healthy_fails_the_AppHost_within_the_timeout_naming_it_and_stops_the_rest()
    {
        Requirements.Nginx();
        // Long enough for the login service and nginx to be healthy on a loaded machine, so that
        // only the app is left unhealthy when the timeout ends.
        const int timeoutSeconds = 25;
        await using var appHost = AppHostProcess.Start(
            ["--workload", "sleep 300", "--startup-timeout", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            _directory);

        var exitCode = await appHost.WaitForExitAsync(TimeSpan.FromSeconds(timeoutSeconds) + StopTimeout + TimeSpan.FromSeconds(10));

        Assert.NotEqual(0, exitCode);
        Assert.True(
            appHost.Output.Contains("apphost: the stack did not start: app never became ready", StringComparison.Ordinal),
            $"the AppHost did not name the app as never ready:\n{appHost.Output}");
        Assert.True(
            appHost.Elapsed < TimeSpan.FromSeconds(timeoutSeconds) + StopTimeout,
            $"the AppHost took {appHost.Elapsed.TotalSeconds:0.0} s to give up and stop:\n{appHost.Output}");
        Assert.Contains(appHost.SeenDescendants, p => p.Name == "sleep");
        await AssertNothingLeftAsync(appHost);
    }

    private async Task<ReadyInfo> RunStackAsync(
        string[] arguments, string protectedPath, string expectedContent, IReadOnlyDictionary<string, string>? environment = null)
    {
        var readyFile = Path.Combine(_directory, "ready.json");
        await using var appHost = AppHostProcess.Start([.. arguments, "--ready-file", readyFile], _directory, environment);
        var ready = await appHost.WaitForReadyFileAsync(readyFile, ReadyTimeout);
        await appHost.WaitForOutputAsync("Stop with Ctrl-C.", TimeSpan.FromSeconds(10));
        TestContext.Current.TestOutputHelper?.WriteLine($"AppHost {string.Join(' ', arguments)}: ready after {appHost.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(appHost.Id, ready.ProcessId);
        Assert.Equal("token", ready.Mode);
        Assert.Equal(ready.NginxPort, ready.Url.Port);
        Assert.False(string.IsNullOrEmpty(ready.Token));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(readyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(ready.RuntimeDirectory));
        AssertResourceTable(appHost.Output, ready, nginxKind: arguments.Contains("--containers") ? "Container" : "Executable");
        AssertTokenInNoCommandLine(appHost, ready.Token!);

        using (var browser = new StackBrowser(ready.Url))
        {
            using var anonymous = await browser.GetAsync(protectedPath);
            Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode);
            Assert.Equal("/auth/login?next=" + Uri.EscapeDataString(protectedPath), anonymous.Headers.Location?.OriginalString);

            using var login = await browser.LogInAsync(ready.Token!, protectedPath);
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
            Assert.Equal(protectedPath, login.Headers.Location?.OriginalString);

            using var signedIn = await browser.GetAsync(protectedPath);
            var body = await signedIn.Content.ReadAsStringAsync();
            Assert.True(signedIn.StatusCode == HttpStatusCode.OK, $"{(int)signedIn.StatusCode} from {protectedPath} after login:\n{body}\n{appHost.Output}");
            Assert.Contains(expectedContent, body, StringComparison.Ordinal);
        }

        var stopping = Stopwatch.StartNew();
        appHost.Signal(Signals.SigInt);
        var exitCode = await appHost.WaitForExitAsync(StopTimeout);
        TestContext.Current.TestOutputHelper?.WriteLine($"stopped {stopping.Elapsed.TotalSeconds:0.0} s after SIGINT");

        Assert.True(exitCode == 0, $"exit code {exitCode} after SIGINT:\n{appHost.Output}");
        await AssertNothingLeftAsync(appHost);
        Assert.False(File.Exists(readyFile), "the ready file is removed at exit");
        Assert.False(Directory.Exists(ready.RuntimeDirectory), "the runtime directory it created is removed at exit");
        return ready;
    }

    private static void AssertResourceTable(string output, ReadyInfo ready, string nginxKind)
    {
        var lines = output.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains(lines, l => l.StartsWith("NAME", StringComparison.Ordinal) && l.Contains("ENDPOINT", StringComparison.Ordinal));
        foreach (var name in new[] { "app", "login", "nginx" })
        {
            Assert.Contains(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal) && l.Contains(" Running ", StringComparison.Ordinal));
        }

        Assert.Contains(lines, l => l.StartsWith("login ", StringComparison.Ordinal) && l.Contains("Project", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("nginx ", StringComparison.Ordinal) && l.Contains(nginxKind, StringComparison.Ordinal) && l.EndsWith(":" + ready.NginxPort, StringComparison.Ordinal));
        Assert.Contains(ready.LoginUrl + "?token=" + Uri.EscapeDataString(ready.Token!), output, StringComparison.Ordinal);
    }

    /// <summary>Other users can read every process's arguments: the token must reach the login service through its environment only.</summary>
    private static void AssertTokenInNoCommandLine(AppHostProcess appHost, string token)
    {
        var running = ProcessTable.Descendants(appHost.Id).Where(process => process.State != 'Z').Select(process => process.Id).ToList();
        Assert.NotEmpty(running);
        foreach (var processId in running.Append(appHost.Id))
        {
            string commandLine;
            try
            {
                commandLine = Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{processId}/cmdline"));
            }
            catch (IOException)
            {
                continue;
            }

            Assert.DoesNotContain(token, commandLine, StringComparison.Ordinal);
        }
    }

    private static async Task AssertNothingLeftAsync(AppHostProcess appHost)
    {
        var seen = appHost.SeenDescendants;
        Assert.NotEmpty(seen);

        // Killed processes re-parented to init are reaped within moments.
        var deadline = Stopwatch.StartNew();
        List<ProcessInfo> alive;
        while ((alive = [.. seen.Where(ProcessTable.IsRunning)]).Count > 0 && deadline.Elapsed < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(100);
        }

        Assert.True(
            alive.Count == 0,
            "still running after the AppHost exited: " + string.Join(", ", alive.Select(p => $"{p.Name} ({p.Id})")) + "\n" + appHost.Output);
    }
}
