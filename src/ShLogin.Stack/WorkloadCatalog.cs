using ShLogin.Configuration;
using ShLogin.Files;
using ShLogin.Nginx;
using ShLogin.Secrets;
using ShLogin.Stack.Jupyter;

namespace ShLogin.Stack;

/// <summary>The presets of <c>SH_LOGIN_APP</c> and plain commands, turned into something to run.</summary>
public static class WorkloadCatalog
{
    /// <summary>The preset used when no workload is named.</summary>
    public const AppPreset DefaultPreset = AppPreset.Demo;

    /// <summary>
    /// The workload for the settings: a command (<c>SH_LOGIN_CMD</c>, <c>--cmd</c> or after
    /// <c>--</c>) or a preset (default <c>demo</c>).
    /// </summary>
    /// <param name="settings">The validated settings.</param>
    /// <param name="runtime">The runtime directory.</param>
    /// <param name="appPort">The loopback port for apps that cannot listen on a socket.</param>
    /// <param name="self">How to run this program (for the demo).</param>
    /// <param name="workingDirectory">Where the app starts (Jupyter's notebook directory).</param>
    /// <exception cref="ConfigurationException">A preset's program is not installed.</exception>
    public static WorkloadSpec Resolve(ShLoginSettings settings, RuntimeDirectory runtime, int appPort, SelfCommand self, string workingDirectory) =>
        Resolve(settings, runtime, appPort, self, workingDirectory, inContainerImage: false);

    /// <summary>
    /// The workload for the settings, to run on this host or, with <paramref name="inContainerImage"/>,
    /// in a container image as this same user: then its programs are the image's (not looked for
    /// here) and its home directory may not exist, so Jupyter keeps its state in the runtime directory.
    /// </summary>
    /// <param name="settings">The validated settings.</param>
    /// <param name="runtime">The runtime directory.</param>
    /// <param name="appPort">The loopback port for apps that cannot listen on a socket.</param>
    /// <param name="self">How to run <c>sh-login</c> (for the demo).</param>
    /// <param name="workingDirectory">Where the app starts (Jupyter's notebook directory).</param>
    /// <param name="inContainerImage">Whether it runs in a container image rather than on this host.</param>
    /// <exception cref="ConfigurationException">A program is not installed on this host.</exception>
    public static WorkloadSpec Resolve(
        ShLoginSettings settings, RuntimeDirectory runtime, int appPort, SelfCommand self, string workingDirectory, bool inContainerImage)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(self);
        var socketAllowed = settings.AppPort is null;
        if (settings.CommandArguments.Count > 0)
        {
            return Command(settings.CommandArguments[0], settings.CommandArguments.Skip(1), appPort, settings.AppOnSocket, string.Join(' ', settings.CommandArguments), settings.CommandArguments[0], inContainerImage);
        }

        if (settings.Command is { } shellCommand)
        {
            if (!inContainerImage
                && ShellCommandProgram.FirstProgram(shellCommand) is { } program && !ShellCommandProgram.IsBuiltin(program) && ExecutableLocator.Find(program) is null)
            {
                throw new ConfigurationException(EnvironmentVariableNames.Cmd, shellCommand, "a command whose program exists and is executable", $"'{program}' was not found");
            }

            return Command("/bin/sh", ["-c", shellCommand], appPort, settings.AppOnSocket, shellCommand, ShellCommandProgram.FirstProgram(shellCommand) ?? "sh", inContainerImage);
        }

        return (settings.App ?? DefaultPreset) switch
        {
            AppPreset.Demo => Demo(runtime, appPort, self, socketAllowed),
            AppPreset.Otp when !socketAllowed => throw new ConfigurationException(
                EnvironmentVariableNames.Port, settings.AppPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
                "no port for otp: the vault's web view listens only on a unix socket in the private runtime directory (leave SH_LOGIN_PORT unset)"),
            AppPreset.Otp => Otp(runtime, self),
            AppPreset.Jupyter or AppPreset.JupyterLab or AppPreset.JupyterServer => Jupyter(settings.App ?? AppPreset.Jupyter, runtime, appPort, workingDirectory, socketAllowed, inContainerImage),
            AppPreset.CodeServer => CodeServer(runtime, appPort, workingDirectory, socketAllowed, inContainerImage),
            AppPreset.RStudio when settings.AppOnSocket => throw new ConfigurationException(
                EnvironmentVariableNames.Port, ShLoginSettings.AppSocketValue, "a port number for rstudio (RStudio Server listens on TCP only)"),
            AppPreset.RStudio => RStudio(runtime, appPort, inContainerImage),
            _ => throw new ArgumentOutOfRangeException(nameof(settings)),
        };
    }

    private static WorkloadSpec Command(string program, IEnumerable<string> arguments, int appPort, bool onSocket, string displayName, string pageName, bool inContainerImage)
    {
        if (!inContainerImage && ExecutableLocator.Find(program) is null)
        {
            throw new ConfigurationException(EnvironmentVariableNames.Cmd, program, "a program that exists and is executable", $"'{program}' was not found");
        }

        return new WorkloadSpec
        {
            DisplayName = displayName.Length <= 60 ? displayName : displayName[..57] + "...",
            PageName = AppDisplayName.ForProgram(pageName),
            Command = program,
            Arguments = [.. arguments],
            UsesUnixSocket = onSocket,
            Port = appPort,
        };
    }

    private static WorkloadSpec Demo(RuntimeDirectory runtime, int appPort, SelfCommand self, bool socketAllowed) => new()
    {
        DisplayName = "ShLogin demo",
        Command = self.FileName,
        Arguments = [.. self.Arguments, "demo", .. socketAllowed ? new[] { "--socket", runtime.AppSocket } : ["--port", appPort.ToString(System.Globalization.CultureInfo.InvariantCulture)]],
        UsesUnixSocket = socketAllowed,
        Port = appPort,
        HealthPath = "/healthz",
    };

    /// <summary>
    /// The passphrase of the TOTP vault, for the otp workload: whoever starts the stack writes it
    /// here (0600, in the 0700 runtime directory, removed with it), the workload reads it like
    /// <c>SH_LOGIN_OTP_PASSPHRASE_FILE</c>; it never appears in an argument.
    /// </summary>
    public static string OtpPassphrasePath(RuntimeDirectory runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return runtime.Combine("otp-passphrase");
    }

    /// <summary>Writes the vault's passphrase for the otp workload (see <see cref="OtpPassphrasePath"/>).</summary>
    public static void WriteOtpPassphrase(RuntimeDirectory runtime, string passphrase) =>
        PrivateFile.WriteAtomically(OtpPassphrasePath(runtime), passphrase);

    private static WorkloadSpec Otp(RuntimeDirectory runtime, SelfCommand self) => new()
    {
        DisplayName = "TOTP vault",
        Command = self.FileName,
        Arguments = [.. self.Arguments, "otp", "web", "--socket", runtime.AppSocket],
        Environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EnvironmentVariableNames.OtpPassphraseFile] = OtpPassphrasePath(runtime),
        },
        UsesUnixSocket = true,
        HealthPath = "/healthz",
    };

    private static WorkloadSpec Jupyter(AppPreset preset, RuntimeDirectory runtime, int appPort, string workingDirectory, bool socketAllowed, bool inContainerImage)
    {
        var jupyter = inContainerImage ? JupyterInstallation.InShLoginImage(preset) : JupyterInstallation.Find(preset);
        var jupyterRuntime = runtime.CreateSubdirectory("jupyter");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["JUPYTER_RUNTIME_DIR"] = jupyterRuntime,
        };
        if (inContainerImage || !IsWritableDirectory(System.Environment.GetEnvironmentVariable("HOME")))
        {
            // A read-only home (Singularity images, service accounts): keep Jupyter's and IPython's state private and temporary.
            environment["HOME"] = jupyterRuntime;
            environment["IPYTHONDIR"] = Path.Combine(jupyterRuntime, "ipython");
            environment["JUPYTER_DATA_DIR"] = Path.Combine(jupyterRuntime, "data");
        }

        AppSecretHeader? secret = null;
        if (!socketAllowed)
        {
            // On a port every user of the host can reach, Jupyter requires a token that only nginx sends.
            var token = SecretTokens.NewToken();
            environment[JupyterCommandLine.TokenVariable] = token;
            secret = new AppSecretHeader("Authorization", "token " + token);
        }

        var listen = socketAllowed ? new JupyterListen { Socket = runtime.AppSocket } : new JupyterListen { Port = appPort };
        return new WorkloadSpec
        {
            DisplayName = jupyter.DisplayName,
            Command = jupyter.Program,
            Arguments = [.. jupyter.ProgramArguments, .. JupyterCommandLine.Arguments(jupyter.Kind, listen, workingDirectory, System.Environment.IsPrivilegedProcess)],
            Environment = environment,
            UsesUnixSocket = socketAllowed,
            Port = appPort,
            HealthPath = "/api",
            SecretHeader = secret,
        };
    }

    private static WorkloadSpec CodeServer(RuntimeDirectory runtime, int appPort, string workingDirectory, bool socketAllowed, bool inContainerImage)
    {
        var program = Require(inContainerImage, "code-server", "code-server", "npm install -g code-server@4.99 for Node 20, or see https://github.com/coder/code-server#install");
        var data = runtime.CreateSubdirectory("code-server");

        // Its own config file in the runtime directory: else code-server writes one with a password into ~/.config.
        List<string> arguments = ["--auth", "none", "--disable-telemetry", "--disable-update-check", "--user-data-dir", data, "--config", Path.Combine(data, "config.yaml")];
        arguments.AddRange(socketAllowed
            ? ["--socket", runtime.AppSocket, "--socket-mode", "600"]
            : ["--bind-addr", "127.0.0.1:" + appPort.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        arguments.Add(workingDirectory);
        return new WorkloadSpec
        {
            DisplayName = "code-server",
            Command = program,
            Arguments = arguments,
            UsesUnixSocket = socketAllowed,
            Port = appPort,
            HealthPath = "/healthz",
        };
    }

    // Written for the open-source rserver of RStudio Server's 2023 and 2024 releases (not packaged by Debian, not run in the tests).
    private static WorkloadSpec RStudio(RuntimeDirectory runtime, int appPort, bool inContainerImage)
    {
        var program = Require(inContainerImage, "rserver", "rstudio", "install RStudio Server from Posit (not packaged by Debian)", "/usr/lib/rstudio-server/bin/rserver");
        var data = runtime.CreateSubdirectory("rstudio");
        return new WorkloadSpec
        {
            DisplayName = "RStudio Server",
            CanUseUnixSocket = false,
            Command = program,
            Arguments =
            [
                "--www-address=127.0.0.1",
                "--www-port=" + appPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--auth-none=1",
                "--server-daemonize=0",
                "--server-data-dir=" + data,
                "--database-config-file=" + WriteRStudioDatabaseConfig(data),
                "--server-user=" + System.Environment.UserName,
            ],
            Port = appPort,
            HealthPath = "/",
        };
    }

    private static string WriteRStudioDatabaseConfig(string directory)
    {
        var path = Path.Combine(directory, "database.conf");
        PrivateFile.WriteAtomically(path, $"provider=sqlite\ndirectory={directory}\n");
        return path;
    }

    private static string Require(bool inContainerImage, string program, string preset, string howToInstall, params string[] alsoLookAt)
    {
        if (inContainerImage)
        {
            return program;
        }

        var found = ExecutableLocator.Find(program) ?? alsoLookAt.FirstOrDefault(File.Exists);
        return found ?? throw new ConfigurationException(
            EnvironmentVariableNames.App,
            preset,
            $"a preset whose program is installed ({howToInstall})",
            $"'{program}' was not found on PATH");
    }

    private static bool IsWritableDirectory(string? path)
    {
        if (string.IsNullOrEmpty(path) || !Directory.Exists(path))
        {
            return false;
        }

        try
        {
            var probe = Path.Combine(path, ".sh-login-write-test-" + System.Environment.ProcessId);
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
