using ShLogin.Stack;
using ShLogin.Supervisor.Health;
using ShLogin.Supervisor.Processes;

namespace ShLogin.Supervisor;

/// <summary>
/// One program as the supervisor runs it: the <see cref="StackProgram"/> (command, environment,
/// endpoint, health path) plus what only the supervisor decides: what happens when it exits, what
/// it waits for, how what it leaves behind is ended, and the work done around each start and stop.
/// </summary>
public sealed class SupervisedProgram
{
    private readonly IReadOnlyList<SupervisedProgram> _waitsFor = [];

    /// <summary>The program <paramref name="program"/>, restarted when it exits, waiting for nothing.</summary>
    public SupervisedProgram(StackProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        Program = program;
    }

    /// <summary>What to run, with which environment, where it answers and which path tells it is healthy.</summary>
    public StackProgram Program { get; }

    /// <summary>The program's name, unique among those supervised together; it prefixes its log lines.</summary>
    public string Name => Program.Name;

    /// <summary>What happens when its process ends on its own.</summary>
    public ExitBehavior ExitBehavior { get; init; } = ExitBehavior.Restart;

    /// <summary>
    /// Programs that must be healthy before this one starts. Copied when set: a program can only
    /// wait for programs made before it, so the supervisor never meets a cycle.
    /// </summary>
    public IReadOnlyList<SupervisedProgram> WaitsFor
    {
        get => _waitsFor;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _waitsFor = [.. value];
        }
    }

    /// <summary>Signal sent to stop the process group gracefully (SIGTERM by default).</summary>
    public int StopSignal { get; init; } = Signals.SigTerm;

    /// <summary>
    /// Signal sent to what the process left in its process group when it exited on its own, before
    /// a restart (SIGKILL follows after the grace period). SIGTERM by default, so that a workload's
    /// helpers can finish; nginx's orphaned workers get SIGKILL, since each moment they live they
    /// serve the public port with a session map nobody updates.
    /// </summary>
    public int LeftoverSignal { get; init; } = Signals.SigTerm;

    /// <summary>
    /// A check of the started process (given its id) that must pass, before the health probe is
    /// sent and again at each attempt, for the program to be ready: e.g. that the listener on its
    /// port is its own. A program with a check but no health path is ready once it passes.
    /// </summary>
    public Func<int, ReadinessVerdict>? ReadinessCheck { get; init; }

    /// <summary>Work done before each start (e.g. writing a config file).</summary>
    public Action? BeforeEachStart { get; init; }

    /// <summary>Work done each time a start became ready (check and probe passed).</summary>
    public Action? OnHealthy { get; init; }

    /// <summary>
    /// Work done with the exit code each time the process ended on its own (not stopped by the
    /// supervisor), before what it left in its group is ended and before any restart.
    /// </summary>
    public Action<int>? OnUnexpectedExit { get; init; }

    /// <summary>Work done once the supervisor has stopped the process (its whole group) at the end of the run.</summary>
    public Action? OnStopped { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
