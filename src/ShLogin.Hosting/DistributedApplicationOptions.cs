using ShLogin.Hosting.Processes;
using ShLogin.Secrets;
using ShLogin.Stack;

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

    /// <summary>Where resources' output lines go (after <see cref="Redactor"/>).</summary>
    public ILogSink LogSink { get; init; } = new PrefixedConsoleLogSink();

    /// <summary>
    /// What is hidden in every line before it reaches <see cref="LogSink"/>, resources' output and
    /// the supervisor's own messages alike: credential parameters always, and the stack's secrets
    /// when they are given here.
    /// </summary>
    public SecretRedactor Redactor { get; init; } = SecretRedactor.ParametersOnly;

    /// <summary>The command-line arguments the application was started with (see <see cref="DistributedApplication.CreateBuilder(string[])"/>).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>
    /// When set, projects are run with <c>dotnet run --no-build --configuration</c> this value: the
    /// AppHost's own build built them (they are project references of it, as in .NET Aspire), so
    /// several projects never build the same sources at once. Null: <c>dotnet run</c> builds each.
    /// </summary>
    public string? ProjectBuildConfiguration { get; init; }
}
