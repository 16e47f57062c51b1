using System.Globalization;

namespace ShLogin.Stack.Jupyter;

/// <summary>Where a Jupyter listens and what it is told, as options of its own kind.</summary>
public sealed record JupyterListen
{
    /// <summary>The private socket, or null for <see cref="Port"/>.</summary>
    public string? Socket { get; init; }

    /// <summary>The loopback port, when not on a socket.</summary>
    public int Port { get; init; }
}

/// <summary>
/// The options ShLogin gives Jupyter, per kind. Jupyter must not ask the user for a login of its
/// own (ShLogin is the login) and must not be reachable around nginx: on the private socket it
/// needs no token; on a loopback port it requires a token that only nginx sends (passed in
/// <c>JUPYTER_TOKEN</c>, never on the command line). A password from the user's own Jupyter
/// configuration is switched off, or Jupyter would ask for it behind ShLogin's login.
/// Jupyter Server 2 renamed <c>ServerApp.token</c> and <c>ServerApp.password</c> to
/// <c>IdentityProvider.token</c> and <c>PasswordIdentityProvider.*</c>: both spellings are given,
/// with the same values, which Jupyter Server 2 accepts without a warning and 1.x ignores.
/// </summary>
public static class JupyterCommandLine
{
    /// <summary>The variable Jupyter (Notebook 6 and Jupyter Server 1 and 2) reads its token from.</summary>
    public const string TokenVariable = "JUPYTER_TOKEN";

    /// <summary>The options for <paramref name="kind"/>.</summary>
    /// <param name="kind">Which Jupyter.</param>
    /// <param name="listen">Where it listens.</param>
    /// <param name="rootDirectory">The directory it serves (notebooks, files).</param>
    /// <param name="asRoot">Whether it runs as root (containers, CI), which Jupyter refuses unless told.</param>
    public static IReadOnlyList<string> Arguments(JupyterKind kind, JupyterListen listen, string rootDirectory, bool asRoot)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        return kind == JupyterKind.ClassicNotebook
            ? ClassicNotebook(listen, rootDirectory, asRoot)
            : Server(listen, rootDirectory, asRoot);
    }

    private static List<string> ClassicNotebook(JupyterListen listen, string rootDirectory, bool asRoot)
    {
        List<string> arguments =
        [
            "--no-browser",
            "--NotebookApp.password=",
            "--NotebookApp.allow_remote_access=True",
            "--NotebookApp.notebook_dir=" + rootDirectory,
        ];
        if (asRoot)
        {
            arguments.Add("--allow-root");
        }

        arguments.AddRange(listen.Socket is { } socket
            ? ["--NotebookApp.token=", "--sock", socket, "--sock-mode", "0600"]
            : ["--ip=127.0.0.1", "--port=" + Port(listen), "--port-retries=0"]);
        return arguments;
    }

    private static List<string> Server(JupyterListen listen, string rootDirectory, bool asRoot)
    {
        List<string> arguments =
        [
            "--no-browser",
            "--ServerApp.password=",
            "--PasswordIdentityProvider.hashed_password=",
            "--ServerApp.password_required=False",
            "--PasswordIdentityProvider.password_required=False",

            // nginx passes the browser's Host; a host name other than localhost is no DNS rebinding here.
            "--ServerApp.allow_remote_access=True",
            "--ServerApp.root_dir=" + rootDirectory,
        ];
        if (asRoot)
        {
            arguments.Add("--allow-root");
        }

        arguments.AddRange(listen.Socket is { } socket
            ? ["--ServerApp.token=", "--IdentityProvider.token=", "--ServerApp.sock=" + socket, "--ServerApp.sock_mode=0600"]
            : ["--ServerApp.ip=127.0.0.1", "--ServerApp.port=" + Port(listen), "--ServerApp.port_retries=0"]);
        return arguments;
    }

    private static string Port(JupyterListen listen) => listen.Port.ToString(CultureInfo.InvariantCulture);
}
