using System.Net;
using System.Net.Sockets;
using ShLogin.Hosting.Networking;
using ShLogin.Hosting.Processes;
using ShLogin.Hosting.Resources;
using ShLogin.Hosting.Tests.TestSupport;
using ShLogin.Stack;

namespace ShLogin.Hosting.Tests;

public sealed class DistributedApplicationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("shlogin-hosting-").FullName;
    private readonly CollectingLogSink _logs = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private DistributedApplicationBuilder NewBuilder(TimeSpan? startupTimeout = null) =>
        DistributedApplicationBuilder.Create(new DistributedApplicationOptions
        {
            StartupTimeout = startupTimeout ?? TimeSpan.FromSeconds(20),
            StopGracePeriod = TimeSpan.FromSeconds(3),
            LogSink = _logs,
        });

    private static int FreePort() => PortAllocator.PickRandom(IPAddress.Loopback, 20000, 40000);

    /// <summary>A tiny HTTP server in a shell: answers every connection with 200, forever.</summary>
    private static string[] HttpServer(int port) =>
        ["/usr/bin/python3", "-c", $"import http.server as h; h.HTTPServer(('127.0.0.1', {port}), h.SimpleHTTPRequestHandler).serve_forever()"];

    [Fact]
    public async Task Resources_start_in_WaitFor_order_and_stop_when_asked()
    {
        var builder = NewBuilder();
        var port = FreePort();
        var marker = Path.Combine(_dir, "order");
        var server = HttpServer(port);
        var first = builder.AddExecutable("first", server[0], _dir, server[1..])
            .WithHttpEndpoint(port)
            .WithHttpHealthCheck("/");
        builder.AddExecutable("second", "/bin/sh", _dir, "-c", $"curl -fs -o /dev/null http://127.0.0.1:{port}/ && echo reached > {marker}; exec sleep 60")
            .WaitFor(first);
        var app = builder.Build();

        using var stop = new CancellationTokenSource();
        var readyAt = DateTime.MinValue;
        var run = app.RunAsync(
            () =>
            {
                readyAt = DateTime.UtcNow;
                stop.CancelAfter(TimeSpan.FromSeconds(1));
                return Task.CompletedTask;
            },
            stop.Token);
        var code = await run.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        Assert.NotEqual(DateTime.MinValue, readyAt);
        Assert.Equal("reached", File.ReadAllText(marker).Trim());
        Assert.All(app.Snapshots, s => Assert.Equal(ResourceState.Exited, s.State));
        Assert.True(PortAllocator.IsFree(IPAddress.Loopback, port), "the server's port is still bound after stop");
    }

    [Fact]
    public async Task A_resource_that_never_becomes_healthy_fails_startup_naming_it_and_nothing_is_left()
    {
        var builder = NewBuilder(TimeSpan.FromSeconds(2));
        var pidFile = Path.Combine(_dir, "pid");
        builder.AddExecutable("sulky", "/bin/sh", _dir, "-c", $"echo $$ > {pidFile}; exec sleep 60")
            .WithHttpEndpoint(FreePort())
            .WithHttpHealthCheck("/");
        var app = builder.Build();

        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<StartupFailedException>(() => app.RunAsync(null, TestContext.Current.CancellationToken));

        Assert.Contains("sulky", error.Message, StringComparison.Ordinal);
        Assert.Contains("never became ready", error.Message, StringComparison.Ordinal);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Directory.Exists($"/proc/{pid}"), "the unhealthy process is still running");
    }

    [Fact]
    public async Task A_missing_program_fails_startup_naming_the_resource_and_stops_the_others()
    {
        var builder = NewBuilder();
        var port = FreePort();
        var server = HttpServer(port);
        var helper = builder.AddExecutable("helper", server[0], _dir, server[1..])
            .WithHttpEndpoint(port)
            .WithHttpHealthCheck("/");
        builder.AddExecutable("ghost", "/nonexistent/program", _dir).WaitFor(helper);
        var app = builder.Build();

        var error = await Assert.ThrowsAsync<StartupFailedException>(() => app.RunAsync(null, TestContext.Current.CancellationToken));

        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
        Assert.True(PortAllocator.IsFree(IPAddress.Loopback, port), "the helper still listens after the failed start");
    }

    [Fact]
    public async Task A_resource_that_exits_is_restarted()
    {
        var builder = NewBuilder();
        var counter = Path.Combine(_dir, "starts");
        builder.AddExecutable("flaky", "/bin/sh", _dir, "-c", $"echo x >> {counter}; sleep 0.2; exit 3");
        var app = builder.Build();
        using var stop = new CancellationTokenSource();

        var run = app.RunAsync(null, stop.Token);
        await Eventually.WaitUntil(() => File.Exists(counter) && File.ReadAllLines(counter).Length >= 3);
        await stop.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Contains(_logs.Lines, l => l.Resource == "flaky" && l.Line.Contains("exited with code 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task What_a_crashed_resource_left_in_its_group_is_gone_before_it_is_restarted()
    {
        var builder = NewBuilder();
        var pids = Path.Combine(_dir, "leftovers");

        // As nginx's workers outlive a killed master: a background job that stays when the shell exits.
        builder.AddExecutable("flaky", "/bin/sh", _dir, "-c", $"sleep 300 & echo $! >> {pids}; sleep 0.2; exit 3");
        var app = builder.Build();
        using var stop = new CancellationTokenSource();

        var run = app.RunAsync(null, stop.Token);
        await Eventually.WaitUntil(() => File.Exists(pids) && File.ReadAllLines(pids).Length >= 2);
        var first = int.Parse(File.ReadAllLines(pids)[0], System.Globalization.CultureInfo.InvariantCulture);
        var firstAlive = ProcessStatus.Read(first)?.IsAlive == true;
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        foreach (var line in File.ReadAllLines(pids))
        {
            Signals.Send(int.Parse(line, System.Globalization.CultureInfo.InvariantCulture), Signals.SigKill);
        }

        Assert.False(firstAlive, "the first run's background job was still alive when the resource was started again");
    }

    [Fact]
    public async Task The_workload_exit_code_ends_the_application_and_the_rest_is_stopped()
    {
        var builder = NewBuilder();
        var pidFile = Path.Combine(_dir, "pid");
        builder.AddExecutable("sidecar", "/bin/sh", _dir, "-c", $"echo $$ > {pidFile}; exec sleep 60");
        builder.AddExecutable("workload", "/bin/sh", _dir, "-c", "sleep 0.5; exit 7")
            .WithExitBehavior(ExitBehavior.StopApplication);
        var app = builder.Build();

        var code = await app.RunAsync(null, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(7, code);
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Directory.Exists($"/proc/{pid}"), "the sidecar is still running");
    }

    [Fact]
    public async Task A_workload_that_exits_while_its_children_hold_its_output_still_ends_the_application()
    {
        var builder = NewBuilder();
        builder.AddExecutable("workload", "/bin/sh", _dir, "-c", "sleep 300 & sleep 0.5; exit 7")
            .WithExitBehavior(ExitBehavior.StopApplication);
        var app = builder.Build();

        var code = await app.RunAsync(null, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        Assert.Equal(7, code);
    }

    [Fact]
    public async Task Stopping_also_ends_the_children_of_a_resource_even_if_it_ignores_SIGTERM()
    {
        var builder = NewBuilder();
        var pidFile = Path.Combine(_dir, "grandchild");
        builder.AddExecutable("stubborn", "/bin/sh", _dir, "-c", $"trap '' TERM; sleep 300 & echo $! > {pidFile}; while true; do sleep 0.1; done");
        var app = builder.Build();
        using var stop = new CancellationTokenSource();

        var run = app.RunAsync(null, stop.Token);
        await Eventually.WaitUntil(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0);
        var grandchild = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        await Eventually.WaitUntil(() => !Directory.Exists($"/proc/{grandchild}") || File.ReadAllText($"/proc/{grandchild}/stat").Contains(") Z ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unix_socket_health_checks_work()
    {
        var builder = NewBuilder();
        var socket = Path.Combine(_dir, "app.sock");
        builder.AddExecutable("unix", "/usr/bin/python3", _dir, "-c",
                "import http.server as h, socketserver as s, os\n" +
                "class S(s.UnixStreamServer): pass\n" +
                "class H(h.BaseHTTPRequestHandler):\n" +
                "    def address_string(self): return 'unix'\n" +
                "    def do_GET(self):\n" +
                "        self.send_response(204); self.end_headers()\n" +
                $"S('{socket}', H).serve_forever()")
            .WithUnixSocketEndpoint(socket, env: "SOCKET_PATH")
            .WithHttpHealthCheck("/");
        var app = builder.Build();
        using var stop = new CancellationTokenSource();
        var ready = false;

        var run = app.RunAsync(
            async () =>
            {
                ready = true;
                await stop.CancelAsync();
            },
            stop.Token);
        await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.True(ready);
    }

    [Fact]
    public void Cycles_and_foreign_dependencies_are_refused_at_build()
    {
        var builder = NewBuilder();
        var a = builder.AddExecutable("a", "/bin/true", null);
        var b = builder.AddExecutable("b", "/bin/true", null).WaitFor(a);
        a.WaitFor(b);
        Assert.Contains("waits for itself", Assert.Throws<InvalidOperationException>(builder.Build).Message, StringComparison.Ordinal);

        var other = NewBuilder().AddExecutable("stranger", "/bin/true", null);
        var c = NewBuilder();
        c.AddExecutable("c", "/bin/true", null).WaitFor(other);
        Assert.Contains("not part of this application", Assert.Throws<InvalidOperationException>(c.Build).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => c.AddExecutable("c", "/bin/true", null));
    }

    [Fact]
    public void Secrets_given_as_environment_never_reach_a_container_command_line()
    {
        var builder = NewBuilder();
        var container = builder.AddContainer("gw", "localhost/shlogin:latest", "podman", "start")
            .WithEnvironment("SH_LOGIN_TOKEN", "very-secret-value");
        var (_, arguments) = container.Resource.GetCommandLine();
        Assert.Contains("SH_LOGIN_TOKEN", arguments);
        Assert.DoesNotContain(arguments, a => a.Contains("very-secret-value", StringComparison.Ordinal));
    }
}
