using ShLogin.Secrets;
using ShLogin.Supervisor.Tests.TestSupport;

namespace ShLogin.Supervisor.Tests;

/// <summary>No line of a program reaches the log sink with a credential parameter or a known secret in it.</summary>
public sealed class ProgramOutputRedactionTests : IDisposable
{
    private const string KnownSecret = "Kx7Secret0fTheStack";

    private readonly string _dir = Directory.CreateTempSubdirectory("shlogin-redaction-").FullName;
    private readonly CollectingLogSink _logs = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Standard_output_and_error_of_every_program_are_redacted_before_the_sink()
    {
        var chatty = TestPrograms.Command(
            "chatty",
            "/bin/sh",
            _dir,
            "-c",
            "echo 'request: \"GET /auth/login?token=t0kenFromTheUrl&next=%2F HTTP/1.1\"'; "
            + $"echo 'loaded {KnownSecret}' >&2; echo 'code=123456'; exec sleep 60");
        var supervisor = new ProgramSupervisor(
            [new SupervisedProgram(chatty)],
            new SupervisorOptions
            {
                StartupTimeout = TimeSpan.FromSeconds(20),
                StopGracePeriod = TimeSpan.FromSeconds(3),
                LogSink = _logs,
                Redactor = new SecretRedactor([KnownSecret]),
            });
        using var stop = new CancellationTokenSource();

        var run = supervisor.RunAsync(null, stop.Token);
        await Eventually.WaitUntil(() => _logs.Lines.Count(line => line.Program == "chatty") >= 3);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var lines = _logs.Lines.Where(line => line.Program == "chatty").Select(line => line.Line).ToList();
        Assert.Contains("request: \"GET /auth/login?token=(hidden)&next=%2F HTTP/1.1\"", lines);
        Assert.Contains("loaded (hidden)", lines);
        Assert.Contains("code=(hidden)", lines);
        Assert.DoesNotContain(lines, line => line.Contains("t0kenFromTheUrl", StringComparison.Ordinal)
            || line.Contains(KnownSecret, StringComparison.Ordinal) || line.Contains("123456", StringComparison.Ordinal));
    }
}
