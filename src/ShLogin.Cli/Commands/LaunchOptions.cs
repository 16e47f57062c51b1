namespace ShLogin.Cli.Commands;

/// <summary>Options of <c>sh-login start</c> that are about the launcher itself, not the stack's settings.</summary>
/// <param name="ReadyFile">Where to write the JSON description once ready; null for none.</param>
/// <param name="Quiet">Print only the URL line.</param>
/// <param name="RestartWorkload">Restart the workload instead of stopping when it exits.</param>
/// <param name="StartupTimeout">How long the stack may take to become ready.</param>
internal sealed record LaunchOptions(string? ReadyFile, bool Quiet, bool RestartWorkload, TimeSpan StartupTimeout);
