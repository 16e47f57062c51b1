using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ShLogin.Testing.Files;

namespace ShLogin.AppHostTests.Infrastructure;

/// <summary>
/// The AppHost run by Aspire.Hosting.Testing (DCP starts the resources, in this test process's
/// AppHost): started, every resource waited for until healthy, the ready file read; stopped on
/// dispose, after which nothing it started may be left.
/// </summary>
public sealed class AppHostUnderTest : IAsyncDisposable
{
    /// <summary>What the three resources are named, as in the dashboard.</summary>
    public static readonly IReadOnlyList<string> ResourceNames = ["login", "app", "nginx"];

    private static readonly TimeSpan HealthyTimeout = TimeSpan.FromMinutes(3);

    private readonly TemporaryDirectory _directory;

    private AppHostUnderTest(DistributedApplication application, TemporaryDirectory directory, string readyFile, ReadyInfo ready, TimeSpan startedIn)
    {
        Application = application;
        _directory = directory;
        ReadyFile = readyFile;
        Ready = ready;
        StartedIn = startedIn;
    }

    /// <summary>The running application.</summary>
    public DistributedApplication Application { get; }

    /// <summary>The ready file the AppHost wrote.</summary>
    public string ReadyFile { get; }

    /// <summary>What the ready file says (URL, token, runtime directory).</summary>
    public ReadyInfo Ready { get; }

    /// <summary>How long the resources took to be healthy.</summary>
    public TimeSpan StartedIn { get; }

    /// <summary>
    /// Starts the AppHost with <paramref name="arguments"/> (its own options) and waits until login,
    /// app and nginx are healthy and the ready file is written.
    /// </summary>
    public static Task<AppHostUnderTest> StartAsync(params string[] arguments) => StartAsync(configure: null, arguments);

    /// <summary>
    /// As <see cref="StartAsync(string[])"/>, with <paramref name="configure"/> applied to the
    /// builder first (its services: a logger that keeps the resources' console lines).
    /// </summary>
    public static async Task<AppHostUnderTest> StartAsync(Action<IDistributedApplicationTestingBuilder>? configure, params string[] arguments)
    {
        var directory = new TemporaryDirectory();
        var readyFile = Path.Combine(directory.Path, "ready.json");
        var started = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(HealthyTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ShLogin_AppHost>(
            [.. arguments, "--ready-file", readyFile, "--startup-timeout", ((int)HealthyTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)],
            timeout.Token);
        configure?.Invoke(builder);
        DistributedApplication? application = null;
        try
        {
            application = await builder.BuildAsync(timeout.Token);
            await application.StartAsync(timeout.Token);
            foreach (var name in ResourceNames)
            {
                await WaitHealthyAsync(application, name, timeout.Token);
            }

            while (!File.Exists(readyFile))
            {
                await Task.Delay(50, timeout.Token);
            }

            var ready = ReadyInfo.Parse(await File.ReadAllTextAsync(readyFile, timeout.Token));
            TestContext.Current.TestOutputHelper?.WriteLine($"AppHost {string.Join(' ', arguments)}: healthy after {started.Elapsed.TotalSeconds:0.0} s");
            return new AppHostUnderTest(application, directory, readyFile, ready, started.Elapsed);
        }
        catch
        {
            if (application is not null)
            {
                await application.DisposeAsync();
            }

            await builder.DisposeAsync();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The resource's current snapshot, as the dashboard shows it.</summary>
    public CustomResourceSnapshot Snapshot(string name) =>
        Application.ResourceNotifications.TryGetCurrentState(name, out var state) ? state.Snapshot : throw new InvalidOperationException($"no resource named {name}");

    /// <summary>The process ids of the resource's program (DCP's view), for checks on its arguments and environment.</summary>
    public int ProcessId(string name)
    {
        var pid = Snapshot(name).Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
        return pid is null ? throw new InvalidOperationException($"{name} has no pid: {Snapshot(name).State?.Text}") : Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Stops the application (DCP stops every program) and removes the test's directory.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await Application.StopAsync(timeout.Token);
        }
        finally
        {
            await Application.DisposeAsync();
            _directory.Dispose();
        }
    }

    private static async Task WaitHealthyAsync(DistributedApplication application, string name, CancellationToken cancellationToken)
    {
        try
        {
            await application.ResourceNotifications.WaitForResourceHealthyAsync(name, cancellationToken);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            var states = string.Join(", ", ResourceNames.Select(n =>
                application.ResourceNotifications.TryGetCurrentState(n, out var s) ? $"{n}: {s.Snapshot.State?.Text} / {s.Snapshot.HealthStatus}" : n + ": unknown"));
            Assert.Fail($"{name} was not healthy within {HealthyTimeout.TotalSeconds:0} s ({states})");
        }
    }
}
