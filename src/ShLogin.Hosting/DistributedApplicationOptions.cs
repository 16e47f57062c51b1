using ShLogin.Hosting.Processes;

namespace ShLogin.Hosting;

/// <summary>How an application starts, logs and stops.</summary>
public sealed record DistributedApplicationOptions
{
    /// <summary>How long every resource together may take to become healthy.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a resource may take to stop after its stop signal before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>The longest wait between restarts of a resource that keeps exiting.</summary>
    public TimeSpan MaxRestartDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where resources' output lines go.</summary>
    public ILogSink LogSink { get; init; } = new PrefixedConsoleLogSink();
}
