using System.Globalization;
using ShLogin.Stack;

namespace ShLogin.AppHost;

/// <summary>The AppHost's command line (after <c>dotnet run --project apphost --</c>).</summary>
internal sealed record AppHostOptions
{
    public const int DefaultStartupTimeoutSeconds = 60;

    public const string Usage = """
        Runs the ShLogin stack for local development: nginx in front of the login service (run from
        source) and a protected workload. Prints the resources, the URL and the token once all are
        healthy; Ctrl-C stops everything.

        Usage: dotnet run --project apphost [-- OPTIONS]

        Options:
          --workload demo|jupyter|"COMMAND"
                                   The protected app: the demo app (default), Jupyter Notebook, or a
                                   shell command that listens on $SH_LOGIN_PORT.
          --containers             Run nginx and the workload from the images localhost/shlogin and
                                   localhost/shlogin-jupyter (built by containers/build) with podman
                                   or docker; ASPIRE_CONTAINER_RUNTIME=podman|docker chooses one.
                                   The login service still runs from source.
          --otp-server sqlite|postgres
                                   Also run the OTP server for micro services (sh-login otp-server, from
                                   source) on the unix socket otp.sock in the runtime directory, with its
                                   first admin entry made now (seed printed once, and kept in a 0600
                                   file the ready file names); its state in SQLite, or in a private
                                   PostgreSQL cluster from Debian's package (postgresql).
          --ready-file PATH        Write the stack's JSON description (url, login_url, token, ...) here
                                   once it is ready, as sh-login start does; removed at exit.
          --startup-timeout SECONDS
                                   How long the resources may take to become healthy (default 60).
          -h, --help               Show this help.

        SH_LOGIN_* variables (SH_LOGIN_TOKEN, SH_LOGIN_MODE, SH_LOGIN_NGINX, ...) work as for sh-login start.
        """;

    private const string Accepted = "--workload demo|jupyter|\"COMMAND\", --containers, --otp-server sqlite|postgres, --ready-file PATH, --startup-timeout SECONDS, --help";

    /// <summary>The <c>--workload</c> value; null for the default (demo).</summary>
    public string? Workload { get; init; }

    /// <summary>Run nginx and the workload in containers.</summary>
    public bool Containers { get; init; }

    /// <summary>The OTP server to run beside the stack, and where it keeps its state; null for none.</summary>
    public OtpServerStore? OtpServer { get; init; }

    /// <summary>Absolute path of the ready file; null for none.</summary>
    public string? ReadyFile { get; init; }

    /// <summary>How long the resources may take to become healthy.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(DefaultStartupTimeoutSeconds);

    /// <summary>Only show the help.</summary>
    public bool ShowHelp { get; init; }

    /// <summary>Parses the arguments.</summary>
    /// <exception cref="AppHostUsageException">An argument is unknown, repeated, missing its value or out of range.</exception>
    public static AppHostOptions Parse(IReadOnlyList<string> args, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new AppHostOptions();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var argument = args[i];
            if (argument == "--" && i == 0)
            {
                // `dotnet ShLogin.AppHost.dll -- OPTIONS` as well as `dotnet run --project apphost -- OPTIONS`.
                continue;
            }

            var (name, inlineValue) = SplitInlineValue(argument);
            if (name is "-h" or "--help")
            {
                return options with { ShowHelp = true };
            }

            if (!seen.Add(name) && name is "--workload" or "--containers" or "--otp-server" or "--ready-file" or "--startup-timeout")
            {
                throw new AppHostUsageException($"{name} was given twice; give it once");
            }

            switch (name)
            {
                case "--workload":
                    options = options with { Workload = RequireText(name, Value(args, ref i, name, inlineValue), "demo, jupyter or a command") };
                    break;
                case "--containers":
                    if (inlineValue is not null)
                    {
                        throw new AppHostUsageException("--containers takes no value");
                    }

                    options = options with { Containers = true };
                    break;
                case "--otp-server":
                    options = options with { OtpServer = Store(Value(args, ref i, name, inlineValue)) };
                    break;
                case "--ready-file":
                    var path = RequireText(name, Value(args, ref i, name, inlineValue), "a file path");
                    options = options with { ReadyFile = Path.GetFullPath(path, workingDirectory) };
                    break;
                case "--startup-timeout":
                    options = options with { StartupTimeout = TimeSpan.FromSeconds(Seconds(Value(args, ref i, name, inlineValue))) };
                    break;
                default:
                    throw new AppHostUsageException($"unknown argument '{argument}'; accepted: {Accepted}");
            }
        }

        return options;
    }

    private static (string Name, string? InlineValue) SplitInlineValue(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return argument.StartsWith("--", StringComparison.Ordinal) && equals > 2
            ? (argument[..equals], argument[(equals + 1)..])
            : (argument, null);
    }

    private static string Value(IReadOnlyList<string> args, ref int index, string name, string? inlineValue)
    {
        if (inlineValue is not null)
        {
            return inlineValue;
        }

        if (index + 1 >= args.Count)
        {
            throw new AppHostUsageException($"{name} needs a value");
        }

        index++;
        return args[index];
    }

    private static string RequireText(string name, string value, string accepted) =>
        string.IsNullOrWhiteSpace(value) ? throw new AppHostUsageException($"{name} is empty; accepted: {accepted}") : value;

    private static OtpServerStore Store(string value) => value switch
    {
        "sqlite" => OtpServerStore.Sqlite,
        "postgres" => OtpServerStore.Postgres,
        _ => throw new AppHostUsageException($"--otp-server '{value}' is not accepted; use sqlite or postgres"),
    };

    private static int Seconds(string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 3600)
        {
            throw new AppHostUsageException($"--startup-timeout '{value}' is not accepted; use whole seconds 1-3600");
        }

        return seconds;
    }
}
