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

    /// <summary>Standard input (an otp secret or URI piped in); tests give their own.</summary>
    public TextReader Input { get; init; } = Console.In;

    /// <summary>Whether standard input is a terminal, where a prompt can be answered.</summary>
    public bool InputIsTerminal { get; init; } = !Console.IsInputRedirected;

    /// <summary>Whether standard output is a terminal (a secret printed there may end up in a scrollback or log).</summary>
    public bool OutputIsTerminal { get; init; } = !Console.IsOutputRedirected;

    /// <summary>Asks for a line on the terminal without echoing it (a passphrase, a secret).</summary>
    public Func<string, string?> ReadHidden { get; init; } = HiddenPrompt.Read;

    /// <summary>Unexpected errors print their stack trace (<c>SH_LOGIN_DEBUG=1</c>).</summary>
    public bool Debug => Variable(EnvironmentVariableNames.Debug) == "1";

    /// <summary>A variable's value, or <see langword="null"/> when unset, empty or blank.</summary>
    public string? Variable(string name) =>
        Environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>An absolute path for a path given by the user.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
