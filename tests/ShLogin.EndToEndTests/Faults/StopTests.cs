using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Faults;

/// <summary>How a stack ends: by a signal to start, or by its workload ending.</summary>
public sealed class StopTests
{
    [Theory]
    [InlineData(Signals.SigTerm, "demo")]
    [InlineData(Signals.SigInt, "demo")]
    [InlineData(Signals.SigTerm, "command")]
    [InlineData(Signals.SigHup, "demo")]
    public async Task A_stop_signal_ends_every_process_and_removes_the_runtime_dir_within_10_seconds_with_exit_0(int signal, string workload)
    {
        Requirements.Nginx();
        var options = workload == "demo" ? StackOptions.Demo() : StackOptions.PythonHttpServer(Requirements.Python());
        await using var stack = await StackProcess.StartAsync(options);
        var processes = stack.Descendants();
        Assert.Contains(processes, process => process.Name == "nginx");
        Assert.True(processes.Count >= 3, "Expected nginx, the login service and the workload below start:\n" + string.Join('\n', processes));
        var runtimeDirectory = stack.RuntimeDirectory;

        stack.Signal(signal);
        var exitCode = await stack.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(exitCode == 0, $"start did not exit with 0 within 10 s of signal {signal}.\n{stack.Describe()}");
        Assert.False(Directory.Exists(runtimeDirectory), $"The runtime dir {runtimeDirectory} is still there.");
        StackAssertions.LeftNothingBehind(stack, processes);
    }

    [Fact]
    public async Task Under_nohup_a_hang_up_leaves_the_stack_serving_and_SIGTERM_still_stops_it()
    {
        Requirements.Nginx();
        var nohup = Requirements.Nohup();
        await using var stack = await StackProcess.StartAsync(StackOptions.Demo() with { Launcher = [nohup] });
        var processes = stack.Descendants();
        var runtimeDirectory = stack.RuntimeDirectory;

        stack.Signal(Signals.SigHup);
        var exitedOnHangup = await stack.WaitForExitAsync(TimeSpan.FromSeconds(3));

        Assert.True(exitedOnHangup is null, $"start ended on SIGHUP although nohup ignores it.\n{stack.Describe()}");
        using (var http = new HttpClient())
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri(stack.Url, "auth/healthz"), TestContext.Current.CancellationToken)).StatusCode);
        }

        stack.Signal(Signals.SigTerm);
        Assert.True(await stack.WaitForExitAsync(TimeSpan.FromSeconds(10)) == 0, $"start did not exit with 0 within 10 s of SIGTERM.\n{stack.Describe()}");
        Assert.False(Directory.Exists(runtimeDirectory), $"The runtime dir {runtimeDirectory} is still there.");
        StackAssertions.LeftNothingBehind(stack, processes);
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("command")]
    public async Task When_start_itself_is_killed_outright_every_process_it_started_stops_within_10_seconds(string workload)
    {
        Requirements.Nginx();
        var options = workload == "demo" ? StackOptions.Demo() : StackOptions.PythonHttpServer(Requirements.Python());
        await using var stack = await StackProcess.StartAsync(options);
        var processes = stack.Descendants();
        Assert.Contains(processes, process => process.Name == "nginx");

        // SIGKILL (the OOM killer, kill -9) leaves start no time to stop anything itself.
        Signals.Send(stack.ProcessId, Signals.SigKill);
        Assert.True(await stack.WaitForExitAsync(TimeSpan.FromSeconds(5)) is not null, "start survived SIGKILL.");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var running = processes.Where(ProcessTable.IsRunning).ToList();
        while (running.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            running = [.. running.Where(ProcessTable.IsRunning)];
        }

        Assert.True(running.Count == 0, "Still running 10 s after start was killed:\n" + string.Join('\n', running) + "\n" + stack.Describe());
    }

    [Fact]
    public async Task A_workload_that_exits_with_7_stops_the_stack_and_start_exits_with_7()
    {
        Requirements.Nginx();
        var python = Requirements.Python();

        // A command workload is ready once it answers HTTP on SH_LOGIN_PORT: this one serves, then exits with 7.
        await using var stack = await StackProcess.StartAsync(
            StackOptions.Command($"{python} -m http.server \"$SH_LOGIN_PORT\" --bind 127.0.0.1 & sleep 6; exit 7"));
        var processes = stack.Descendants();

        var exitCode = await stack.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.True(exitCode == 7, "start did not exit with the workload's code 7.\n" + stack.Describe());
        StackAssertions.LeftNothingBehind(stack, processes);
    }

    [Fact]
    public async Task A_workload_killed_with_SIGKILL_stops_the_stack_and_start_exits_with_137()
    {
        Requirements.Nginx();
        var python = Requirements.Python();
        await using var stack = await StackProcess.StartAsync(
            StackOptions.PythonHttpServer(python));
        var processes = stack.Descendants();
        var workload = Assert.Single(processes, process => process.CommandLine.Contains("http.server", StringComparison.Ordinal));

        Signals.Send(workload.Id, Signals.SigKill);
        var exitCode = await stack.WaitForExitAsync(TimeSpan.FromSeconds(15));

        Assert.True(exitCode == 128 + Signals.SigKill, "start did not exit with 137 (128 + SIGKILL, as shells report it).\n" + stack.Describe());
        StackAssertions.LeftNothingBehind(stack, processes);
    }
}
