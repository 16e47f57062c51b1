namespace ShLogin.EndToEndTests.Infrastructure;

/// <summary>How a test runs <c>sh-login start</c>.</summary>
public sealed record StackOptions
{
    /// <summary>SH_LOGIN_* and other variables for start (a null value removes one). TMPDIR is set by the stack unless given here.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Arguments after <c>start --ready-file PATH</c>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>A program that runs start, e.g. <c>nohup</c> (it must exec it, so start keeps the process id); none when empty.</summary>
    public IReadOnlyList<string> Launcher { get; init; } = [];

    /// <summary>The working directory (Jupyter's notebook directory); a fresh empty one when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Where start writes its ready file; a fresh private directory of the stack's when null.</summary>
    public string? ReadyFile { get; init; }

    /// <summary>How long start may take to become ready.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The Jupyter preset.</summary>
    public static StackOptions Jupyter(params (string Name, string? Value)[] extra) =>
        With(("SH_LOGIN_APP", "jupyter"), extra);

    /// <summary>The Jupyter Server preset (Debian's <c>python3-jupyter-server</c> here).</summary>
    public static StackOptions JupyterServer(params (string Name, string? Value)[] extra) =>
        With(("SH_LOGIN_APP", "jupyter-server"), extra);

    /// <summary>The default preset (the demo workload), with extra variables.</summary>
    public static StackOptions Demo(params (string Name, string? Value)[] extra) => With(("SH_LOGIN_APP", "demo"), extra);

    /// <summary>A plain workload command.</summary>
    public static StackOptions Command(string command, params (string Name, string? Value)[] extra) =>
        With(("SH_LOGIN_CMD", command), extra);

    /// <summary>A plain web app given as a command: Python's file server on the port start hands it in SH_LOGIN_PORT.</summary>
    /// <param name="python">The Python interpreter (see <see cref="Requirements.Python"/>).</param>
    public static StackOptions PythonHttpServer(string python) =>
        Command($"exec {python} -m http.server \"$SH_LOGIN_PORT\" --bind 127.0.0.1");

    private static StackOptions With((string Name, string? Value) first, (string Name, string? Value)[] extra)
    {
        var environment = new Dictionary<string, string?> { [first.Name] = first.Value };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return new StackOptions { Environment = environment };
    }
}
