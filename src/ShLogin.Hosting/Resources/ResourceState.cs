using ShLogin.Stack;

namespace ShLogin.Hosting.Resources;

/// <summary>Where a resource is in its life.</summary>
public enum ResourceState
{
    /// <summary>Waiting for the resources it waits for.</summary>
    Waiting,

    /// <summary>Started, not yet healthy.</summary>
    Starting,

    /// <summary>Answering its health check.</summary>
    Running,

    /// <summary>Exited unexpectedly and about to be started again.</summary>
    Restarting,

    /// <summary>Being stopped.</summary>
    Stopping,

    /// <summary>Not running.</summary>
    Exited,

    /// <summary>Could not start or never became healthy.</summary>
    FailedToStart,
}
