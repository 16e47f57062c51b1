using System.Diagnostics;
using System.Text;
using ShLogin.Nginx;

namespace ShLogin.IntegrationTests.Infrastructure;

/// <summary>
/// A real nginx in the foreground, run from a config file in a private directory with
/// <c>-p DIR -c FILE -e stderr</c>, so that it writes nothing outside that directory. The config
/// is checked with <c>nginx -t</c> by the same user first. Dispose stops it.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly Process process;
    private readonly StringBuilder errors;

    private NginxProcess(Process process, StringBuilder errors, int port)
    {
        this.process = process;
        this.errors = errors;
        Port = port;
    }

    /// <summary>The port nginx listens on.</summary>
    public int Port { get; }

    /// <summary>The loopback base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>What nginx printed on stderr so far (its error log).</summary>
    public string Errors
    {
        get
        {
            lock (errors)
            {
                return errors.ToString();
            }
        }
    }

    /// <summary>Writes the config (0600) to <see cref="NginxRuntimePaths.ConfigFile"/> and runs <c>nginx -t</c> on it.</summary>
    /// <param name="paths">Where nginx keeps its files; the directory is created 0700.</param>
    /// <param name="configText">The whole nginx.conf.</param>
    /// <param name="runAsUser">Run as this user through <c>runuser</c> (the caller must be root and the directory theirs).</param>
    public static async Task<ProcessResult> TestConfigAsync(NginxRuntimePaths paths, string configText, string? runAsUser = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        await WriteConfigAsync(paths, configText, runAsUser);
        var (fileName, arguments) = CommandLine(paths, ["-t"], runAsUser);
        return await ProcessRunner.RunAsync(fileName, arguments);
    }

    /// <summary>Writes and checks the config, starts nginx and waits until it accepts connections on <paramref name="port"/>.</summary>
    /// <exception cref="InvalidOperationException">The config fails <c>nginx -t</c> or nginx does not come up; the message has nginx's output.</exception>
    public static async Task<NginxProcess> StartAsync(NginxRuntimePaths paths, string configText, int port, string? runAsUser = null)
    {
        var check = await TestConfigAsync(paths, configText, runAsUser);
        if (check.ExitCode != 0)
        {
            throw new InvalidOperationException($"nginx -t rejected the config:\n{check}\n--- config ---\n{configText}");
        }

        var (fileName, arguments) = CommandLine(paths, [], runAsUser);
        var errors = new StringBuilder();
        var process = new Process { StartInfo = ProcessRunner.CreateStartInfo(fileName, arguments), EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var nginx = new NginxProcess(process, errors, port);
        if (!await FreePort.WaitUntilListeningAsync(port, StartTimeout, () => process.HasExited))
        {
            await nginx.DisposeAsync();
            throw new InvalidOperationException($"nginx did not listen on port {port}:\n{nginx.Errors}");
        }

        return nginx;
    }

    /// <summary>Stops nginx (master and workers).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static async Task WriteConfigAsync(NginxRuntimePaths paths, string configText, string? owner)
    {
        Directory.CreateDirectory(paths.Directory, PrivateDirectory);
        File.WriteAllText(paths.ConfigFile, string.Empty);
        File.SetUnixFileMode(paths.ConfigFile, PrivateFile);
        await File.WriteAllTextAsync(paths.ConfigFile, configText);
        if (owner is not null)
        {
            var chown = await ProcessRunner.RunAsync("chown", ["-R", owner, paths.RuntimeDirectory]);
            if (chown.ExitCode != 0)
            {
                throw new InvalidOperationException($"chown -R {owner} {paths.RuntimeDirectory} failed:\n{chown}");
            }
        }
    }

    private static (string FileName, List<string> Arguments) CommandLine(NginxRuntimePaths paths, string[] extra, string? runAsUser)
    {
        var nginx = Requirements.Nginx();
        List<string> nginxArguments = [.. extra, "-p", paths.Directory + "/", "-c", paths.ConfigFile, "-e", "stderr"];
        return runAsUser is null
            ? (nginx, nginxArguments)
            : (Requirements.RunUser(), ["-u", runAsUser, "--", nginx, .. nginxArguments]);
    }
}
