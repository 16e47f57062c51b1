using ShLogin.Hosting.Processes;
using ShLogin.Hosting.Resources;
using ShLogin.Stack;

namespace ShLogin.Hosting.Tests;

public sealed class DistributedApplicationRunTests
{
    [Fact]
    public async Task RunAsync_calls_the_ready_callbacks_once_in_order_and_stops_everything_when_cancelled()
    {
        var builder = DistributedApplicationBuilder.Create(new DistributedApplicationOptions
        {
            StopGracePeriod = TimeSpan.FromSeconds(3),
            LogSink = new PrefixedConsoleLogSink(TextWriter.Null),
        });
        builder.AddExecutable("sleeper", "/bin/sleep", null, "60");
        var app = builder.Build();
        var calls = new List<string>();
        using var stop = new CancellationTokenSource();
        app.OnReady(() =>
            {
                calls.Add("first:" + app.Snapshots.Single().State);
                return Task.CompletedTask;
            })
            .OnReady(() =>
            {
                calls.Add("second");
                stop.Cancel();
                return Task.CompletedTask;
            });

        var code = await app.RunAsync(stop.Token).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        Assert.Equal(["first:Running", "second"], calls);
        Assert.Equal(ResourceState.Exited, app.Snapshots.Single().State);
    }

    [Fact]
    public async Task A_failing_ready_callback_stops_every_resource_before_its_exception_reaches_the_caller()
    {
        var builder = DistributedApplicationBuilder.Create(new DistributedApplicationOptions
        {
            StopGracePeriod = TimeSpan.FromSeconds(3),
            LogSink = new PrefixedConsoleLogSink(TextWriter.Null),
        });
        builder.AddExecutable("sleeper", "/bin/sleep", null, "60");
        var app = builder.Build();
        int? processId = null;
        app.ResourceStateChanged += s => processId ??= s.ProcessId;
        app.OnReady(() => throw new IOException("cannot write the ready file"));

        var exception = await Assert.ThrowsAsync<IOException>(() => app.RunAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.Equal("cannot write the ready file", exception.Message);
        Assert.Equal(ResourceState.Exited, app.Snapshots.Single().State);
        Assert.NotNull(processId);
        Assert.False(Signals.GroupExists(processId.Value), "the resource's process group is still alive");
    }
}
