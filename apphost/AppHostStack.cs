using Aspire.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShLogin.Configuration;
using ShLogin.Stack;

namespace ShLogin.AppHost;

/// <summary>
/// The stack as the AppHost runs it: the shared <see cref="StackDescription"/> (settings from
/// SH_LOGIN_*, secrets, ports, runtime directory, workload, the three programs) plus where nginx
/// and the workload come from (this host, or ShLogin's images with <c>--containers</c>).
/// </summary>
internal sealed class AppHostStack : IDisposable
{
    /// <summary>The secret parameters' names, settable as Aspire parameters (Parameters:NAME) too.</summary>
    public const string TokenParameter = "login-token";

    /// <summary>The TOTP secret's parameter.</summary>
    public const string TotpSecretParameter = "login-totp-secret";

    private static readonly string[] PresetNames = ["demo", "jupyter", "jupyterlab", "jupyter-server", "rstudio", "code-server", "otp"];

    private int _disposed;

    private AppHostStack(AppHostOptions options, StackDescription description)
    {
        Options = options;
        Description = description;
    }

    public AppHostOptions Options { get; }

    public StackDescription Description { get; }

    /// <summary>nginx on this host; null with <c>--containers</c>.</summary>
    public string? NginxProgram { get; private init; }

    /// <summary>The container runtime with <c>--containers</c>; null otherwise.</summary>
    public ContainerRuntime? Containers { get; private init; }

    /// <summary>The OTP server run beside the stack with <c>--otp-server</c>; null otherwise.</summary>
    public AppHostOtpServer? OtpServer { get; private init; }

    /// <summary>The image the workload runs from with <c>--containers</c>.</summary>
    public string WorkloadImage => ContainerRuntime.ImageFor(Description.Preset);

    /// <summary>
    /// Settles the stack for <paramref name="builder"/>; the runtime directory and the ready file
    /// are removed when the application stops. Nothing is left behind when it fails.
    /// </summary>
    /// <exception cref="AppHostUsageException">The AppHost cannot run as asked.</exception>
    /// <exception cref="ConfigurationException">An SH_LOGIN_* value is invalid.</exception>
    public static async Task<AppHostStack> PrepareAsync(IDistributedApplicationBuilder builder, AppHostOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ReadyFile is { } readyFile)
        {
            ReadyFile.RequireSafeLocation(readyFile);
        }

        var environment = new Dictionary<string, string?>(SettingsReader.ProcessEnvironment(), StringComparer.Ordinal);

        // Aspire's own way to give a parameter (user secrets, appsettings, Parameters__login-token) counts as SH_LOGIN_*.
        if (builder.Configuration["Parameters:" + TokenParameter] is { Length: > 0 } token)
        {
            environment[EnvironmentVariableNames.Token] = token;
        }

        if (builder.Configuration["Parameters:" + TotpSecretParameter] is { Length: > 0 } totpSecret)
        {
            environment[EnvironmentVariableNames.TotpSecret] = totpSecret;
        }

        var repository = RepositoryLayout.Locate(Environment.CurrentDirectory);
        var flags = WorkloadFlags(options.Workload);

        // Checked before anything is installed or created.
        var settings = StackSettings.Read(environment, flags, Environment.CurrentDirectory);
        ContainerRuntime? containers = null;
        string? nginx = null;
        if (options.Containers)
        {
            var image = ContainerRuntime.ImageFor(StackDescription.PresetOf(settings));
            containers = await ContainerRuntime.DetectAsync(environment, repository, new[] { ContainerRuntime.ShLoginImage, image }.Distinct());
        }
        else
        {
            nginx = await NginxInstallation.FindOrInstallAsync(log);
        }

        if (options.OtpServer == OtpServerStore.Postgres)
        {
            PostgresServer.RequireInstalled();
        }

        // As for sh-login start: whatever the stack writes (nginx's pid, Jupyter's files) is the user's alone.
        // DCP and every program it starts inherit this mask.
        FileCreationMask.Set(FileCreationMask.OwnerOnly);
        var description = StackDescription.Prepare(new StackRequest
        {
            Environment = environment,
            Flags = flags,
            WorkingDirectory = Environment.CurrentDirectory,
            Self = new SelfCommand("sh-login", []),
            WorkloadInContainer = options.Containers,
            Account = Environment.UserName + "@" + Environment.MachineName,
        });
        if (description.Preset == AppPreset.Otp)
        {
            // DCP runs the programs without a terminal: the vault's passphrase comes from its file only.
            var passphraseFile = environment.GetValueOrDefault(EnvironmentVariableNames.OtpPassphraseFile)
                ?? throw new AppHostUsageException($"--workload otp needs the vault's passphrase: set {EnvironmentVariableNames.OtpPassphraseFile} to a file of yours with mode 0600");
            WorkloadCatalog.WriteOtpPassphrase(description.Runtime, OtpPassphraseText(passphraseFile));
        }

        if (description.Workload.ExposureWarning is { } exposure)
        {
            await log.WriteLineAsync(AppHostErrors.Prefix + exposure);
        }

        // DCP and the programs it starts inherit this process's environment: the secrets reach the
        // login service as its secret parameters only, and no program is told a stale endpoint.
        // The user's own OTP server settings would redirect the one run here.
        var removed = StackDescription.SecretVariables.Concat(description.Login.RemovedEnvironment).Concat(description.App.RemovedEnvironment);
        if (options.OtpServer is not null)
        {
            removed = removed.Concat(AppHostOtpServer.InheritedVariables);
        }

        foreach (var variable in removed.Distinct())
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        AppHostOtpServer? otpServer = null;
        if (options.OtpServer is { } store)
        {
            try
            {
                otpServer = await AppHostOtpServer.PrepareAsync(store, description.Runtime);
            }
            catch
            {
                description.Dispose();
                throw;
            }
        }

        var stack = new AppHostStack(options, description) { NginxProgram = nginx, Containers = containers, OtpServer = otpServer };
        builder.Services.AddHostedService(services => new CleanUp(stack, services.GetRequiredService<IHostApplicationLifetime>()));
        return stack;
    }

    private static string OtpPassphraseText(string path)
    {
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Files.PrivateFile.ReadOwnSecret(path, 4096));
            return text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.TrimEnd('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AppHostUsageException($"{EnvironmentVariableNames.OtpPassphraseFile}='{path}': {e.Message}");
        }
    }

    /// <summary>Removes the ready file, what is left of PostgreSQL, and the runtime directory (once).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (Options.ReadyFile is { } readyFile)
        {
            ReadyFile.Delete(readyFile);
        }

        OtpServer?.Dispose();
        Description.Dispose();
    }

    /// <summary><c>--workload</c> as the flags of <c>sh-login start</c>: a preset name is <c>--app</c>, anything else <c>--cmd</c>.</summary>
    private static StartFlags WorkloadFlags(string? workload) =>
        workload is null ? StartFlags.None
        : PresetNames.Contains(workload.Trim().ToLowerInvariant()) ? new StartFlags { App = workload.Trim() }
        : new StartFlags { Cmd = workload };

    /// <summary>
    /// Cleans up once the application has stopped, after DCP stopped every program, however it
    /// was run (dotnet run, aspire run, Aspire.Hosting.Testing).
    /// </summary>
    private sealed class CleanUp(AppHostStack stack, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStopped.Register(stack.Dispose);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
