using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace ShLogin.Testing;

/// <summary>
/// Finds the system programs the tests drive. A missing program skips the test on a developer
/// machine, but fails it when <c>CI=true</c>: in CI a skipped test would hide that nothing ran.
/// </summary>
public static class Requirements
{
    /// <summary>Whether the tests run in CI (<c>CI=true</c>, as CI services set it).</summary>
    public static bool IsCi =>
        Environment.GetEnvironmentVariable("CI") is { } value
        && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    /// <summary>The nginx binary (with auth_request).</summary>
    public static string Nginx() =>
        FindOnPath("nginx", ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]) ?? MissingProgram("nginx", "nginx");

    /// <summary>Debian's Chromium, for browser tests.</summary>
    public static string Chromium() => FindFile("/usr/bin/chromium") ?? MissingProgram("Chromium", "chromium");

    /// <summary>Debian's Jupyter Notebook launcher.</summary>
    public static string Jupyter() => FindFile("/usr/bin/jupyter-notebook") ?? MissingProgram("Jupyter Notebook", "jupyter-notebook");

    /// <summary>Debian's Jupyter Server (<c>python3-jupyter-server</c>: a module of Debian's Python, no launcher); returns that Python.</summary>
    public static string JupyterServer() =>
        File.Exists("/usr/lib/python3/dist-packages/jupyter_server/__main__.py") && FindFile("/usr/bin/python3") is { } python
            ? python
            : MissingProgram("Jupyter Server", "python3-jupyter-server");

    /// <summary>
    /// code-server: on PATH, or where tests/run installs it from npm (tests/tools/install-code-server);
    /// returns the launcher.
    /// </summary>
    public static string CodeServer() =>
        FindOnPath("code-server", [Path.Combine(RepositoryPaths.Root, "artifacts", "tools", "code-server", "node_modules", ".bin", "code-server")])
        ?? Missing("code-server is not installed (tests/tools/install-code-server installs it from npm; tests/run runs it).");

    /// <summary>oathtool (OATH Toolkit), the independent TOTP implementation codes are checked against.</summary>
    public static string OathTool() => FindOnPath("oathtool", ["/usr/bin/oathtool"]) ?? MissingProgram("oathtool", "oathtool");

    /// <summary>protoc, an independent protobuf encoder (its --encode) for the Google Authenticator export format.</summary>
    public static string Protoc() => FindOnPath("protoc", ["/usr/bin/protoc"]) ?? MissingProgram("protoc", "protobuf-compiler");

    /// <summary>Debian's Python, which can import what Debian's Jupyter installed.</summary>
    public static string Python() => FindFile("/usr/bin/python3") ?? MissingProgram("Python 3", "python3");

    /// <summary>PostgreSQL's server programs from Debian's package (<c>postgresql</c>); returns their newest <c>bin</c> directory.</summary>
    public static string PostgreSql()
    {
        const string Root = "/usr/lib/postgresql";
        var bin = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault(b => FindFile(Path.Combine(b, "postgres")) is not null && FindFile(Path.Combine(b, "initdb")) is not null)
            : null;
        return bin ?? MissingProgram("PostgreSQL", "postgresql");
    }

    /// <summary><c>runuser</c>, to run a program as an unprivileged user when the tests run as root.</summary>
    public static string RunUser() => FindOnPath("runuser", ["/usr/sbin/runuser", "/sbin/runuser"]) ?? MissingProgram("runuser", "util-linux");

    /// <summary><c>nohup</c>, to start a program with SIGHUP ignored.</summary>
    public static string Nohup() => FindOnPath("nohup", ["/usr/bin/nohup"]) ?? MissingProgram("nohup", "coreutils");

    /// <summary>The podman binary.</summary>
    public static string Podman() => FindOnPath("podman", ["/usr/bin/podman"]) ?? MissingProgram("podman", "podman runc");

    /// <summary>
    /// The podman binary, for tests that drive rootful podman: the images' user (uid 1000) then owns
    /// files in bind-mounted host directories as uid 1000, as Docker does.
    /// </summary>
    public static string RootfulPodman()
    {
        var podman = Podman();
        if (!Environment.IsPrivilegedProcess)
        {
            Missing("the container tests drive rootful podman; run them as root (tests/run in CI does).");
        }

        return podman;
    }

    /// <summary>
    /// Requires running as root (to act as another user). Outside CI a non-root run skips the check
    /// with <paramref name="reason"/>; under <c>CI=true</c> it fails, because CI runs as root.
    /// </summary>
    public static void Root(string reason)
    {
        if (Environment.IsPrivilegedProcess)
        {
            return;
        }

        var message = $"Not running as root: {reason}";
        if (IsCi)
        {
            Assert.Fail(message + " CI=true: this check must run (run the tests as root).");
        }

        Assert.Skip(message);
    }

    /// <summary>Skips (or under CI fails) the test with <paramref name="message"/>.</summary>
    [DoesNotReturn]
    public static string Missing(string message)
    {
        if (IsCi)
        {
            Assert.Fail(message + " CI=true: a missing requirement fails instead of skipping.");
        }

        Assert.Skip(message);
        throw new UnreachableException();
    }

    private static string MissingProgram(string program, string packages) =>
        Missing($"{program} is not installed (apt-get install -y --no-install-recommends {packages}; tests/run installs it).");

    private static string? FindOnPath(string name, string[] usualPlaces)
    {
        var pathDirectories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries);
        return pathDirectories.Select(directory => Path.Combine(directory, name))
            .Concat(usualPlaces)
            .Select(FindFile)
            .FirstOrDefault(path => path is not null);
    }

    private static string? FindFile(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0
            ? path
            : null;
}
