using ShLogin.Stack;

namespace ShLogin.Hosting.Resources;

/// <summary>What the supervisor does when a resource's process ends on its own.</summary>
public enum ExitBehavior
{
    /// <summary>Start it again, with backoff (nginx, the login service).</summary>
    Restart,

    /// <summary>Stop the whole stack and exit with the resource's exit code (the workload).</summary>
    StopApplication,
}
