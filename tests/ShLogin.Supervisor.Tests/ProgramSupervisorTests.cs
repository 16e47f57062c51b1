using System.Globalization;
using System.Net;
using ShLogin.Stack;
using ShLogin.Supervisor.Logging;
using ShLogin.Supervisor.Processes;
using ShLogin.Supervisor.Tests.TestSupport;

namespace ShLogin.Supervisor.Tests;

public sealed class ProgramSupervisorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("shlogin-supervisor-").FullName;
    private readonly CollectingLogSink _logs = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ProgramSupervisor NewSupervisor(IEnumerable<SupervisedProgram> programs, TimeSpan? startupTimeout = null) =>
        new(programs, new SupervisorOptions
        {
            StartupTimeout = startupTimeout ?? TimeSpan.FromSeconds(20),
            StopGracePeriod = TimeSpan.FromSeconds(3),
            LogSink = _logs,
        });

    private static int FreePort() => PortAllocator.PickRandom(IPAddress.Loopback, 20000, 40000);

    private static int ReadPid(string file) => int.Parse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture);

    private static bool IsGone(int pid) =>
        !Directory.Exists($"/proc/{pid}") || ProcessStatus.Read(pid)?.IsAlive != true;

    [Fact]
    public async Task Programs_start_in_WaitsFor_order_and_stop_when_asked()
    {
        var port = FreePort();
        var marker = Path.Combine(_dir, "order");
        var pidFile = Path.Combine(_dir, "second");
        var first = new SupervisedProgram(TestPrograms.HttpServer("first", port, _dir));
        var second = new SupervisedProgram(TestPrograms.Command("second", "/bin/sh", _dir, "-c", $"echo $$ > {pidFile}; curl -fs -o /dev/null http://127.0.0.1:{port}/ && echo reached > {marker}; exec sleep 60"))
        {
            WaitsFor = [first],
        };
        var supervisor = NewSupervisor([second, first]);

        using var stop = new CancellationTokenSource();
        var readyAt = DateTime.MinValue;
        var run = supervisor.RunAsync(
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
        Assert.True(IsGone(ReadPid(pidFile)), "the second program still runs after stop");
        Assert.True(PortAllocator.IsFree(IPAddress.Loopback, port), "the server's port is still bound after stop");
    }

    [Fact]
    public async Task A_program_that_never_becomes_healthy_fails_startup_naming_it_and_nothing_is_left()
    {
        var pidFile = Path.Combine(_dir, "pid");
        var sulky = TestPrograms.Command("sulky", "/bin/sh", _dir, "-c", $"echo $$ > {pidFile}; exec sleep 60") with
        {
            Endpoint = StackEndpoint.Tcp("127.0.0.1", FreePort()),
            HealthPath = "/",
        };
        var supervisor = NewSupervisor([new SupervisedProgram(sulky)], TimeSpan.FromSeconds(2));

        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<StartupFailedException>(() => supervisor.RunAsync(null, TestContext.Current.CancellationToken));

        Assert.Contains("sulky", error.Message, StringComparison.Ordinal);
        Assert.Contains("never became ready", error.Message, StringComparison.Ordinal);
        Assert.Contains("GET / at http://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.Null(error.ExitCode);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
        Assert.False(Directory.Exists($"/proc/{ReadPid(pidFile)}"), "the unhealthy process is still running");
    }

    [Fact]
    public async Task A_missing_program_fails_startup_naming_it_and_stops_the_others()
    {
        var port = FreePort();
        var helper = new SupervisedProgram(TestPrograms.HttpServer("helper", port, _dir));
        var ghost = new SupervisedProgram(TestPrograms.Command("ghost", "/nonexistent/program", _dir)) { WaitsFor = [helper] };
        var supervisor = NewSupervisor([helper, ghost]);

        var error = await Assert.ThrowsAsync<StartupFailedException>(() => supervisor.RunAsync(null, TestContext.Current.CancellationToken));

        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
        Assert.True(PortAllocator.IsFree(IPAddress.Loopback, port), "the helper still listens after the failed start");
    }

    [Fact]
    public async Task A_program_that_exits_is_restarted_with_growing_delays()
    {
        var counter = Path.Combine(_dir, "starts");
        var exits = new List<int>();
        var flaky = new SupervisedProgram(TestPrograms.Command("flaky", "/bin/sh", _dir, "-c", $"echo x >> {counter}; sleep 0.2; exit 3"))
        {
            OnUnexpectedExit = code =>
            {
                lock (exits)
                {
                    exits.Add(code);
                }
            },
        };
        var supervisor = NewSupervisor([flaky]);
        using var stop = new CancellationTokenSource();

        var run = supervisor.RunAsync(null, stop.Token);
        await Eventually.WaitUntil(() => File.Exists(counter) && File.ReadAllLines(counter).Length >= 3);
        await stop.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        var restarts = _logs.Lines.Where(l => l.Program == "flaky" && l.Line.StartsWith("exited with code 3; restarting in ", StringComparison.Ordinal)).Select(l => l.Line).ToList();
        Assert.True(restarts.Count >= 2, "fewer than two restarts were reported");
        Assert.Equal("exited with code 3; restarting in 0.1 s", restarts[0]);
        Assert.Equal("exited with code 3; restarting in 0.2 s", restarts[1]);
        lock (exits)
        {
            Assert.True(exits.Count >= 2, "the exit hook did not run at each exit");
            Assert.All(exits, code => Assert.Equal(3, code));
        }
    }

    [Fact]
    public async Task What_a_crashed_program_left_in_its_group_is_gone_before_it_is_restarted()
    {
        var pids = Path.Combine(_dir, "leftovers");

        // As nginx's workers outlive a killed master: a background job that stays when the shell exits.
        var flaky = new SupervisedProgram(TestPrograms.Command("flaky", "/bin/sh", _dir, "-c", $"sleep 300 & echo $! >> {pids}; sleep 0.2; exit 3"));
        var supervisor = NewSupervisor([flaky]);
        using var stop = new CancellationTokenSource();

        var run = supervisor.RunAsync(null, stop.Token);
        await Eventually.WaitUntil(() => File.Exists(pids) && File.ReadAllLines(pids).Length >= 2);
        var first = int.Parse(File.ReadAllLines(pids)[0], CultureInfo.InvariantCulture);
        var firstAlive = ProcessStatus.Read(first)?.IsAlive == true;
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        foreach (var line in File.ReadAllLines(pids))
        {
            Signals.Send(int.Parse(line, CultureInfo.InvariantCulture), Signals.SigKill);
        }

        Assert.False(firstAlive, "the first run's background job was still alive when the program was started again");
    }

    [Fact]
    public async Task The_workload_exit_code_ends_the_run_and_the_rest_is_stopped()
    {
        var pidFile = Path.Combine(_dir, "pid");
        var sidecar = new SupervisedProgram(TestPrograms.Command("sidecar", "/bin/sh", _dir, "-c", $"echo $$ > {pidFile}; exec sleep 60"));
        var workload = new SupervisedProgram(TestPrograms.Command("workload", "/bin/sh", _dir, "-c", "sleep 0.5; exit 7"))
        {
            ExitBehavior = ExitBehavior.StopAll,
        };
        var supervisor = NewSupervisor([sidecar, workload]);

        var code = await supervisor.RunAsync(null, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(7, code);
        Assert.False(Directory.Exists($"/proc/{ReadPid(pidFile)}"), "the sidecar is still running");
    }

    [Fact]
    public async Task A_workload_that_exits_while_its_children_hold_its_output_still_ends_the_run()
    {
        var workload = new SupervisedProgram(TestPrograms.Command("workload", "/bin/sh", _dir, "-c", "sleep 300 & sleep 0.5; exit 7"))
        {
            ExitBehavior = ExitBehavior.StopAll,
        };
        var supervisor = NewSupervisor([workload]);

        var code = await supervisor.RunAsync(null, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        Assert.Equal(7, code);
    }

    [Fact]
    public async Task Stopping_also_ends_the_children_of_a_program_even_if_it_ignores_SIGTERM()
    {
        var pidFile = Path.Combine(_dir, "grandchild");
        var stopped = 0;
        var stubborn = new SupervisedProgram(TestPrograms.Command("stubborn", "/bin/sh", _dir, "-c", $"trap '' TERM; sleep 300 & echo $! > {pidFile}; while true; do sleep 0.1; done"))
        {
            OnStopped = () => Interlocked.Increment(ref stopped),
        };
        var supervisor = NewSupervisor([stubborn]);
        using var stop = new CancellationTokenSource();

        var run = supervisor.RunAsync(null, stop.Token);
        await Eventually.WaitUntil(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0);
        var grandchild = ReadPid(pidFile);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        await Eventually.WaitUntil(() => IsGone(grandchild));
        Assert.Equal(1, Volatile.Read(ref stopped));
    }

    [Fact]
    public async Task Unix_socket_health_checks_work()
    {
        var socket = Path.Combine(_dir, "app.sock");
        var unix = TestPrograms.Command(
            "unix",
            "/usr/bin/python3",
            _dir,
            "-c",
            "import http.server as h, socketserver as s, os\n" +
            "class S(s.UnixStreamServer): pass\n" +
            "class H(h.BaseHTTPRequestHandler):\n" +
            "    def address_string(self): return 'unix'\n" +
            "    def do_GET(self):\n" +
            "        self.send_response(204); self.end_headers()\n" +
            $"S('{socket}', H).serve_forever()") with
        {
            Endpoint = StackEndpoint.UnixSocket(socket),
            HealthPath = "/",
        };
        var supervisor = NewSupervisor([new SupervisedProgram(unix)]);
        using var stop = new CancellationTokenSource();
        var ready = false;

        var run = supervisor.RunAsync(
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
    public void Foreign_dependencies_duplicate_names_and_cycles_are_refused()
    {
        var stranger = new SupervisedProgram(TestPrograms.Command("stranger", "/bin/true", null));
        var c = new SupervisedProgram(TestPrograms.Command("c", "/bin/true", null)) { WaitsFor = [stranger] };
        Assert.Contains("not supervised here", Assert.Throws<ArgumentException>(() => NewSupervisor([c])).Message, StringComparison.Ordinal);

        var twin = new SupervisedProgram(TestPrograms.Command("c", "/bin/true", null));
        Assert.Contains("Two programs are named 'c'", Assert.Throws<ArgumentException>(() => NewSupervisor([stranger, c, twin])).Message, StringComparison.Ordinal);

        // A program waits for programs made before it: changing the list it was given afterwards makes no cycle.
        List<SupervisedProgram> waits = [];
        var a = new SupervisedProgram(TestPrograms.Command("a", "/bin/true", null)) { WaitsFor = waits };
        var b = new SupervisedProgram(TestPrograms.Command("b", "/bin/true", null)) { WaitsFor = [a] };
        waits.Add(b);
        Assert.Empty(a.WaitsFor);
    }

    [Fact]
    public async Task Secrets_reach_a_program_through_its_environment_never_its_command_line()
    {
        const string Secret = "very-secret-value-4711";
        var seen = Path.Combine(_dir, "seen");
        var pidFile = Path.Combine(_dir, "pid");
        var program = TestPrograms.Command("keeper", "/bin/sh", _dir, "-c", $"echo \"$SH_LOGIN_TOKEN\" > {seen}; echo $$ > {pidFile}; sleep 60") with
        {
            SecretEnvironment = new Dictionary<string, string> { ["SH_LOGIN_TOKEN"] = Secret },
        };
        var supervisor = NewSupervisor([new SupervisedProgram(program)]);
        using var stop = new CancellationTokenSource();

        var run = supervisor.RunAsync(null, stop.Token);
        await Eventually.WaitUntil(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0 && File.Exists(seen) && File.ReadAllText(seen).Trim().Length > 0);
        var commandLine = await File.ReadAllTextAsync($"/proc/{ReadPid(pidFile)}/cmdline", TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(Secret, File.ReadAllText(seen).Trim());
        Assert.Contains("sleep 60", commandLine, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, commandLine, StringComparison.Ordinal);
    }
}
