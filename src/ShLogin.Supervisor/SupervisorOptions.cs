using ShLogin.Secrets;
using ShLogin.Supervisor.Logging;

namespace ShLogin.Supervisor;

/// <summary>How the supervisor starts, logs and stops its programs.</summary>
public sealed record SupervisorOptions
{
    /// <summary>How long every program together may take to become healthy.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a program may take to stop after its stop signal before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>The longest wait between restarts of a program that keeps exiting.</summary>
    public TimeSpan MaxRestartDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where programs' output lines go (after <see cref="Redactor"/>).</summary>
    public ILogSink LogSink { get; init; } = new PrefixedConsoleLogSink();

    /// <summary>
    /// What is hidden in every line before it reaches <see cref="LogSink"/>, programs' output and
    /// the supervisor's own messages alike: credential parameters always, and the stack's secrets
    /// when they are given here.
    /// </summary>
    public SecretRedactor Redactor { get; init; } = SecretRedactor.ParametersOnly;
}
