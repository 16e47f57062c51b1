namespace ShLogin.Supervisor;

/// <summary>What the supervisor does when a program's process ends on its own.</summary>
public enum ExitBehavior
{
    /// <summary>Start it again, with backoff (nginx, the login service).</summary>
    Restart,

    /// <summary>Stop every program and end the run with this program's exit code (the workload).</summary>
    StopAll,
}
