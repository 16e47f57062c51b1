using System.CommandLine;

namespace ShLogin.Cli.Tests;

/// <summary>Runs <c>sh-login</c> in-process with captured output and a controlled environment.</summary>
internal sealed class CliHarness
{
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    public string WorkingDirectory { get; init; } = Path.GetTempPath();

    public DateTimeOffset Now { get; init; } = DateTimeOffset.FromUnixTimeSeconds(1_111_111_109);

    public CliContext Context => new(Environment, WorkingDirectory, "alice", "node7", new FixedTimeProvider(Now));

    public Task<CliResult> RunAsync(params string[] args) =>
        RunAsync(Program.CreateRootCommand(Context), args);

    /// <summary>Starts a long-running command such as <c>serve</c>; dispose (or stop) it at the end of the test.</summary>
    public RunningCli Start(params string[] args) => new(this, args);

    public async Task<CliResult> RunAsync(RootCommand root, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliRunner.RunAsync(root, args, Context, output, error, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
