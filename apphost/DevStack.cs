using ShLogin.Stack;
using ShLogin.Configuration;
using ShLogin.Hosting.Processes;
using ShLogin.Hosting.Stack;
using ShLogin.Nginx;

namespace ShLogin.AppHost;

/// <summary>
/// What the AppHost settles before composing the stack, with the same pieces as <c>sh-login start</c>:
/// settings (SH_LOGIN_* and the options), secrets, ports, the private runtime directory, the
/// workload, and where nginx and the workload come from (this host or container images).
/// Disposing removes the ready file and the runtime directory.
/// </summary>
internal sealed class DevStack : IDisposable
{
    private static readonly string[] PresetNames = ["demo", "jupyter", "rstudio", "code-server"];

    private DevStack(AppHostOptions options, RepositoryLayout repository, RuntimeDirectory runtime)
    {
        Options = options;
        Repository = repository;
        Runtime = runtime;
    }

    public AppHostOptions Options { get; }

    public RepositoryLayout Repository { get; }

    /// <summary>The private runtime directory (0700): nginx's files, the sockets, the login service's keys and sessions.</summary>
    public RuntimeDirectory Runtime { get; }

    public required ShLoginSettings Settings { get; init; }

    public required StackSecrets Secrets { get; init; }

    public required WorkloadSpec Workload { get; init; }

    /// <summary>The workload is the demo app, which the AppHost runs from source like the login service.</summary>
    public required bool WorkloadIsDemo { get; init; }

    /// <summary>Where the workload starts (Jupyter's notebook directory).</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Where nginx listens.</summary>
    public required ListenEndpoint Listen { get; init; }

    /// <summary>nginx on this host; null with <c>--containers</c>.</summary>
    public string? NginxProgram { get; init; }

    /// <summary>The container runtime with <c>--containers</c>; null otherwise.</summary>
    public ContainerRuntime? Containers { get; init; }

    /// <summary>The image the workload runs from with <c>--containers</c>.</summary>
    public required string WorkloadImage { get; init; }

    /// <summary>What the ready file and the banner tell.</summary>
    public required StackInfo Info { get; init; }

    /// <summary>Settles everything; nothing is left behind when it fails.</summary>
    /// <exception cref="AppHostUsageException">The AppHost cannot run as asked.</exception>
    /// <exception cref="ConfigurationException">An SH_LOGIN_* value is invalid.</exception>
    public static async Task<DevStack> PrepareAsync(AppHostOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        var environment = SettingsReader.ProcessEnvironment();
        var workingDirectory = Environment.CurrentDirectory;
        if (options.ReadyFile is { } readyFile)
        {
            ReadyFile.RequireSafeLocation(readyFile);
        }

        var repository = RepositoryLayout.Locate(workingDirectory);
        var flags = WorkloadFlags(options.Workload);
        var settings = StackSettings.Read(environment, flags, workingDirectory);
        var isCommand = settings.Command is not null || settings.CommandArguments.Count > 0;
        var preset = isCommand ? (AppPreset?)null : settings.App ?? WorkloadCatalog.DefaultPreset;
        var workloadImage = preset == AppPreset.Jupyter ? ContainerRuntime.JupyterImage : ContainerRuntime.ShLoginImage;

        ContainerRuntime? containers = null;
        string? nginx = null;
        if (options.Containers)
        {
            containers = await ContainerRuntime.DetectAsync(environment, repository, new[] { ContainerRuntime.ShLoginImage, workloadImage }.Distinct());
        }
        else
        {
            nginx = await NginxInstallation.FindOrInstallAsync(log);
        }

        var ports = StackPorts.Choose(settings, flags);

        // As for sh-login start: whatever the stack writes (nginx's pid, Jupyter's files) is the user's alone.
        FileCreationMask.Set(FileCreationMask.OwnerOnly);
        var runtime = StackSettings.CreateRuntimeDirectory(settings, environment);
        try
        {
            var secrets = StackSecrets.From(settings);

            // The demo is `sh-login demo`: the image's sh-login in a container, else the CLI project (its arguments are used).
            var workload = WorkloadCatalog.Resolve(settings, runtime, ports.App, new SelfCommand("sh-login", []), workingDirectory, options.Containers);
            if (workload.ExposureWarning is { } exposure)
            {
                await log.WriteLineAsync(AppHostConsole.Prefix + exposure);
            }

            var account = Environment.UserName + "@" + Environment.MachineName;
            return new DevStack(options, repository, runtime)
            {
                Settings = settings,
                Secrets = secrets,
                Workload = workload,
                WorkloadIsDemo = preset == AppPreset.Demo,
                WorkingDirectory = workingDirectory,
                Listen = new ListenEndpoint(settings.Bind, ports.Nginx),
                NginxProgram = nginx,
                Containers = containers,
                WorkloadImage = workloadImage,
                Info = StackInfo.Describe(settings, secrets, ports.Nginx, runtime.Path, account, Environment.ProcessId),
            };
        }
        catch
        {
            runtime.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Options.ReadyFile is { } readyFile)
        {
            ReadyFile.Delete(readyFile);
        }

        Runtime.Dispose();
    }

    /// <summary><c>--workload</c> as the flags of <c>sh-login start</c>: a preset name is <c>--app</c>, anything else <c>--cmd</c>.</summary>
    private static StartFlags WorkloadFlags(string? workload) =>
        workload is null ? StartFlags.None
        : PresetNames.Contains(workload.Trim().ToLowerInvariant()) ? new StartFlags { App = workload.Trim() }
        : new StartFlags { Cmd = workload };
}
