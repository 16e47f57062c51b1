using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Jupyter;

/// <summary>Stopping a Jupyter stack stops its kernels too, though Jupyter starts them in sessions of their own.</summary>
[Collection(JupyterCollectionDefinition.Name)]
public sealed class JupyterShutdownTests
{
    [Fact]
    public async Task SIGTERM_stops_nginx_the_login_service_Jupyter_and_a_running_kernel_within_10_seconds()
    {
        Requirements.Nginx();
        Requirements.Jupyter();
        await using var stack = await StackProcess.StartAsync(StackOptions.Jupyter());
        using (var client = await SignedInClient.SignInAsync(stack.Url, stack.Token))
        {
            await JupyterApi.StartKernelAsync(client);
        }

        var processes = stack.Descendants();
        Assert.Contains(processes, process => process.CommandLine.Contains("ipykernel", StringComparison.Ordinal));
        var runtimeDirectory = stack.RuntimeDirectory;

        stack.Signal(Signals.SigTerm);
        var exitCode = await stack.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(exitCode == 0, "start did not exit with 0 within 10 s of SIGTERM.\n" + stack.Describe());
        Assert.False(Directory.Exists(runtimeDirectory), $"The runtime dir {runtimeDirectory} is still there.");
        StackAssertions.LeftNothingBehind(stack, processes);
    }
}
