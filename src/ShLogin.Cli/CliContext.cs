using ShLogin.Configuration;

namespace ShLogin.Cli;

/// <summary>What commands need from the process around them; tests pass their own.</summary>
/// <param name="Environment">Environment variables by name.</param>
/// <param name="WorkingDirectory">Absolute path that relative paths are resolved against.</param>
/// <param name="UserName">The invoking user, e.g. for the default TOTP account name.</param>
/// <param name="HostName">This machine's name.</param>
/// <param name="Time">The clock.</param>
internal sealed record CliContext(
    IReadOnlyDictionary<string, string?> Environment,
    string WorkingDirectory,
    string UserName,
    string HostName,
    TimeProvider Time)
{
    public static CliContext FromProcess() => new(
        SettingsReader.ProcessEnvironment(),
        System.Environment.CurrentDirectory,
        System.Environment.UserName,
        System.Environment.MachineName,
        TimeProvider.System);

    /// <summary>Unexpected errors print their stack trace (<c>SH_LOGIN_DEBUG=1</c>).</summary>
    public bool Debug => Variable(EnvironmentVariableNames.Debug) == "1";

    /// <summary>A variable's value, or <see langword="null"/> when unset, empty or blank.</summary>
    public string? Variable(string name) =>
        Environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>An absolute path for a path given by the user.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
