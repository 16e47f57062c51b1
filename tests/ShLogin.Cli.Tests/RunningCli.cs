namespace ShLogin.Cli.Tests;

/// <summary>
/// A long-running command (<c>sh-login serve</c>) run in-process: its output can be read while it
/// runs, and <see cref="StopAsync"/> cancels it as SIGINT/SIGTERM would.
/// </summary>
internal sealed class RunningCli : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly StringWriter output = new();
    private readonly StringWriter error = new();
    private readonly TextWriter syncOutput;
    private readonly TextWriter syncError;
    private readonly CancellationTokenSource stop = new();
    private readonly Task<int> run;

    public RunningCli(CliHarness harness, string[] args)
    {
        syncOutput = TextWriter.Synchronized(output);
        syncError = TextWriter.Synchronized(error);
        var context = harness.Context;
        run = Task.Run(() => CliRunner.RunAsync(Program.CreateRootCommand(context), args, context, syncOutput, syncError, stop.Token));
    }

    public string Output => Snapshot(syncOutput, output);

    public string Error => Snapshot(syncError, error);

    public bool HasExited => run.IsCompleted;

    /// <summary>Waits until stdout contains <paramref name="text"/>; fails with what was printed if the command ends or stalls first.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(run.IsCompleted, $"the command ended ({(run.IsCompletedSuccessfully ? run.Result : "faulted")}) before printing '{text}':\n{Output}\n{Error}");
            Assert.True(DateTime.UtcNow < deadline, $"no '{text}' within {Timeout}:\n{Output}\n{Error}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Asks the command to stop and returns its result.</summary>
    public async Task<CliResult> StopAsync()
    {
        await stop.CancelAsync();
        var exitCode = await run.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, Output, Error);
    }

    /// <summary>The result of a command that ends by itself.</summary>
    public async Task<CliResult> WaitForExitAsync()
    {
        var exitCode = await run.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, Output, Error);
    }

    public async ValueTask DisposeAsync()
    {
        if (!run.IsCompleted)
        {
            await stop.CancelAsync();
            try
            {
                await run.WaitAsync(Timeout);
            }
            catch (TimeoutException)
            {
            }
        }

        stop.Dispose();
        syncOutput.Dispose();
        syncError.Dispose();
    }

    // TextWriter.Synchronized locks on the wrapper for every write; reading under the same lock sees whole writes.
    private static string Snapshot(TextWriter synchronizedWriter, StringWriter inner)
    {
        lock (synchronizedWriter)
        {
            return inner.ToString();
        }
    }
}
