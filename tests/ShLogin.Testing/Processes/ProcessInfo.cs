namespace ShLogin.Testing.Processes;

/// <summary>
/// One process as <c>/proc/PID/stat</c> described it. The start time (in clock ticks since boot)
/// tells a process apart from a later one that got the same id.
/// </summary>
/// <param name="Id">The process id.</param>
/// <param name="ParentId">The parent's id.</param>
/// <param name="Name">The executable's short name (<c>comm</c>).</param>
/// <param name="State">The state letter (<c>R</c>, <c>S</c>, <c>Z</c> for a zombie, …).</param>
/// <param name="StartTime">When it started, in clock ticks after boot.</param>
public sealed record ProcessInfo(int Id, int ParentId, string Name, char State, ulong StartTime)
{
    /// <summary>The command line, arguments separated by spaces, or empty when the process is gone.</summary>
    public string CommandLine => ProcessTable.CommandLine(Id);

    /// <summary>For assertion messages.</summary>
    public override string ToString() => $"{Id} ({Name}, parent {ParentId}): {CommandLine}";
}
