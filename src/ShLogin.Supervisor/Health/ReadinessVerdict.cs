
namespace ShLogin.Supervisor.Health;

/// <summary>What a readiness check (see <see cref="SupervisedProgram.ReadinessCheck"/>) found about a started process.</summary>
/// <param name="IsReady">True when the check passes.</param>
/// <param name="Problem">Why it does not, in one line for the user; null while it merely is not ready yet.</param>
public sealed record ReadinessVerdict(bool IsReady, string? Problem)
{
    /// <summary>The check passes.</summary>
    public static ReadinessVerdict Ready { get; } = new(true, null);

    /// <summary>Not yet (e.g. not listening yet): ask again.</summary>
    public static ReadinessVerdict NotYet { get; } = new(false, null);

    /// <summary>Not ready for a reason the user should read; asked again too.</summary>
    public static ReadinessVerdict Refused(string problem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(problem);
        return new(false, problem);
    }
}
