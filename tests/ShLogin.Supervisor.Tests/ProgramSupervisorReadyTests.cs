using System.Globalization;
using ShLogin.Supervisor.Logging;
using ShLogin.Supervisor.Processes;
using ShLogin.Supervisor.Tests.TestSupport;

namespace ShLogin.Supervisor.Tests;

public sealed class ProgramSupervisorReadyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("shlogin-supervisor-ready-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ProgramSupervisor NewSupervisor(SupervisedProgram program) =>
        new([program], new SupervisorOptions
        {
            StopGracePeriod = TimeSpan.FromSeconds(3),
            LogSink = new PrefixedConsoleLogSink(TextWriter.Null),
        });

    private SupervisedProgram Sleeper(string pidFile) =>
        new(TestPrograms.Command("sleeper", "/bin/sh", _dir, "-c", $"echo $$ > {pidFile}; exec sleep 60"));

    private static int? ReadPid(string file) =>
        File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    [Fact]
    public async Task RunAsync_calls_the_ready_callback_once_while_the_programs_run_and_stops_everything_when_cancelled()
    {
        var pidFile = Path.Combine(_dir, "pid");
        var healthy = 0;
        var program = Sleeper(pidFile);
        var supervisor = NewSupervisor(new SupervisedProgram(program.Program) { OnHealthy = () => Interlocked.Increment(ref healthy) });
        var calls = new List<string>();
        using var stop = new CancellationTokenSource();

        var code = await supervisor.RunAsync(
            async () =>
            {
                await Eventually.WaitUntil(() => ReadPid(pidFile) is not null);
                calls.Add("ready:" + (Signals.GroupExists(ReadPid(pidFile)!.Value) ? "running" : "gone") + ":healthy=" + Volatile.Read(ref healthy));
                await stop.CancelAsync();
            },
            stop.Token).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        Assert.Equal(["ready:running:healthy=1"], calls);
        Assert.False(Signals.GroupExists(ReadPid(pidFile)!.Value), "the program's process group is still alive");
    }

    [Fact]
    public async Task A_failing_ready_callback_stops_every_program_before_its_exception_reaches_the_caller()
    {
        var pidFile = Path.Combine(_dir, "pid");
        var supervisor = NewSupervisor(Sleeper(pidFile));
        int? processId = null;

        var exception = await Assert.ThrowsAsync<IOException>(() => supervisor.RunAsync(
            async () =>
            {
                await Eventually.WaitUntil(() => ReadPid(pidFile) is not null);
                processId = ReadPid(pidFile);
                throw new IOException("cannot write the ready file");
            },
            TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.Equal("cannot write the ready file", exception.Message);
        Assert.NotNull(processId);
        Assert.False(Signals.GroupExists(processId.Value), "the program's process group is still alive");
    }
}
