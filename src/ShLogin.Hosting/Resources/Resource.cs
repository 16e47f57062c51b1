using ShLogin.Hosting.Health;
using ShLogin.Stack;

namespace ShLogin.Hosting.Resources;

/// <summary>
/// One process of a stack: what to run, with which environment, where it listens, how to tell it
/// is ready, what it waits for and what happens when it exits.
/// </summary>
public abstract class Resource
{
    private readonly Dictionary<string, Func<string>> _environment = new(StringComparer.Ordinal);
    private readonly List<EndpointReference> _endpoints = [];
    private readonly List<Resource> _waitFor = [];
    private readonly List<Resource> _references = [];
    private readonly List<Func<CancellationToken, Task>> _beforeStart = [];
    private readonly List<Action<int>> _afterExit = [];
    private readonly List<Func<int, ReadinessVerdict>> _readinessChecks = [];
    private readonly List<Action> _afterHealthy = [];
    private readonly List<Action> _afterStop = [];

    /// <summary>A resource with a unique name.</summary>
    protected Resource(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The resource's name, unique in its application; it prefixes the resource's log lines.</summary>
    public string Name { get; }

    /// <summary>How it runs.</summary>
    public abstract ResourceKind Kind { get; }

    /// <summary>Environment variables set for the process, beyond the inherited ones; values are evaluated at each start.</summary>
    public IReadOnlyDictionary<string, Func<string>> Environment => _environment;

    /// <summary>Variables of the parent's environment that the process must not inherit (secrets meant for another resource).</summary>
    public ISet<string> RemovedEnvironment { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Where it listens.</summary>
    public IReadOnlyList<EndpointReference> Endpoints => _endpoints;

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public IReadOnlyList<Resource> WaitsFor => _waitFor;

    /// <summary>Resources whose endpoints this one uses.</summary>
    public IReadOnlyList<Resource> References => _references;

    /// <summary>Work done before each start (e.g. rendering a config file).</summary>
    public IReadOnlyList<Func<CancellationToken, Task>> BeforeStart => _beforeStart;

    /// <summary>Work done when the process ended on its own (not stopped by the supervisor), with its exit code, before any restart.</summary>
    public IReadOnlyList<Action<int>> AfterExit => _afterExit;

    /// <summary>
    /// Checks of the started process (given its id) that must pass, before the HTTP probe is sent
    /// and again at each attempt, for the resource to be ready: e.g. that the listener on its port
    /// is its own. A resource with checks but no probe is ready once they pass.
    /// </summary>
    public IReadOnlyList<Func<int, ReadinessVerdict>> ReadinessChecks => _readinessChecks;

    /// <summary>Work done each time a start of the process became ready (checks and probe passed), before it is reported running.</summary>
    public IReadOnlyList<Action> AfterHealthy => _afterHealthy;

    /// <summary>Work done once the supervisor has stopped the process (its whole group) when the application ends.</summary>
    public IReadOnlyList<Action> AfterStop => _afterStop;

    /// <summary>The readiness probe; without one a resource is ready once its process runs.</summary>
    public HealthCheck? HealthCheck { get; set; }

    /// <summary>What happens when the process ends on its own.</summary>
    public ExitBehavior ExitBehavior { get; set; } = ExitBehavior.Restart;

    /// <summary>Signal sent to stop the process gracefully (SIGTERM by default; nginx wants SIGQUIT for a graceful stop, SIGTERM for a fast one).</summary>
    public int StopSignal { get; set; } = Processes.Signals.SigTerm;

    /// <summary>
    /// Signal sent to what the process left in its process group when it exited on its own, before
    /// a restart (SIGKILL follows after the grace period). SIGTERM by default, so that a workload's
    /// helpers can finish; nginx's orphaned workers get SIGKILL, since each moment they live they
    /// serve the public port with a session map nobody updates.
    /// </summary>
    public int LeftoverSignal { get; set; } = Processes.Signals.SigTerm;

    /// <summary>The endpoint of that name.</summary>
    /// <exception cref="InvalidOperationException">The resource has no such endpoint.</exception>
    public EndpointReference GetEndpoint(string name) =>
        _endpoints.FirstOrDefault(e => e.Name == name)
        ?? throw new InvalidOperationException($"Resource '{Name}' has no endpoint named '{name}'.");

    /// <summary>The command line to run: program and arguments (never secrets: other users can read them).</summary>
    public abstract (string FileName, IReadOnlyList<string> Arguments) GetCommandLine();

    /// <summary>The directory the process starts in; null for the current one.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Called once the resource's process has been stopped, to release what it may have left outside its process group.</summary>
    protected internal virtual Task OnStoppedAsync() => Task.CompletedTask;

    internal void AddEnvironment(string name, Func<string> value) => _environment[name] = value;

    internal void AddEndpoint(EndpointReference endpoint)
    {
        if (_endpoints.Any(e => e.Name == endpoint.Name))
        {
            throw new InvalidOperationException($"Resource '{Name}' already has an endpoint named '{endpoint.Name}'.");
        }

        _endpoints.Add(endpoint);
    }

    internal void AddWaitFor(Resource resource)
    {
        if (!_waitFor.Contains(resource))
        {
            _waitFor.Add(resource);
        }
    }

    internal void AddReference(Resource resource)
    {
        if (!_references.Contains(resource))
        {
            _references.Add(resource);
        }
    }

    internal void AddBeforeStart(Func<CancellationToken, Task> action) => _beforeStart.Add(action);

    internal void AddAfterExit(Action<int> action) => _afterExit.Add(action);

    internal void AddReadinessCheck(Func<int, ReadinessVerdict> check) => _readinessChecks.Add(check);

    internal void AddAfterHealthy(Action action) => _afterHealthy.Add(action);

    internal void AddAfterStop(Action action) => _afterStop.Add(action);
}
