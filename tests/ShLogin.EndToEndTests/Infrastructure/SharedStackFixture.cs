namespace ShLogin.EndToEndTests.Infrastructure;

/// <summary>
/// One stack shared by several tests (starting Jupyter takes seconds). Started by the first test
/// that asks, after that test checked its requirements; a start-up failure fails every test that asks.
/// </summary>
public abstract class SharedStackFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private Task<StackProcess>? starting;

    /// <summary>The running stack.</summary>
    public async Task<StackProcess> GetAsync()
    {
        CheckRequirements();
        await gate.WaitAsync();
        try
        {
            starting ??= StackProcess.StartAsync(Options());
        }
        finally
        {
            gate.Release();
        }

        var stack = await starting;
        if (stack.HasExited)
        {
            Assert.Fail("The shared stack has stopped.\n" + stack.Describe());
        }

        return stack;
    }

    /// <summary>Stops the stack.</summary>
    public async ValueTask DisposeAsync()
    {
        if (starting is { IsCompletedSuccessfully: true })
        {
            await starting.Result.DisposeAsync();
        }

        gate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Skips (or fails under CI) when a program the stack needs is missing.</summary>
    protected abstract void CheckRequirements();

    /// <summary>How the stack is started.</summary>
    protected abstract StackOptions Options();
}
