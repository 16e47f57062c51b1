using System.Globalization;
using System.Net;
using ShLogin.Configuration;
using ShLogin.Hosting;
using ShLogin.Hosting.Networking;
using ShLogin.Hosting.Processes;
using ShLogin.Hosting.Stack;
using ShLogin.Nginx;

namespace ShLogin.Cli.Commands;

/// <summary>
/// Runs a whole stack for <c>sh-login start</c>: validate, make the runtime directory, choose
/// ports, load or generate secrets, compose nginx + login service + workload, supervise, clean up.
/// Every failure before the stack runs is one line and exit code 2, with nothing left behind.
/// </summary>
internal static class StackLauncher
{
    public static async Task<int> RunAsync(
        CliContext context, StartFlags flags, LaunchOptions options, TextWriter output, TextWriter error, CancellationToken stop)
    {
        var settings = ReadSettings(context, flags);
        if (flags.Token is not null)
        {
            await error.WriteLineAsync($"{CliRunner.Prefix}warning: {StartFlagNames.Token} shows the token to every user of this host in the process list; prefer {EnvironmentVariableNames.Token}.");
        }

        if (settings.TotpSecretFileReadableByOthers)
        {
            await error.WriteLineAsync($"{CliRunner.Prefix}warning: the TOTP secret file {settings.TotpSecretSource?.FilePath} is readable by other users; chmod 600 it.");
        }

        var nginxProgram = StackResources.FindNginx()
            ?? throw new UsageException("nginx was not found on PATH or in /usr/sbin; install it (Debian/Ubuntu: apt-get install nginx)");
        var ports = ChoosePorts(settings, flags);

        // Whatever the stack writes (nginx's pid, Jupyter's server files, the app's files) is the user's alone.
        FileCreationMask.Set(FileCreationMask.OwnerOnly);
        using var runtime = CreateRuntimeDirectory(settings, context);
        var secrets = StackSecrets.From(settings);
        var self = SelfCommand.Current();
        var workload = WorkloadCatalog.Resolve(settings, runtime, ports.App, self, context.WorkingDirectory);

        var builder = DistributedApplicationBuilder.Create(new DistributedApplicationOptions { StartupTimeout = options.StartupTimeout });
        var login = builder.AddLoginService("login", self, runtime, settings.AuthPort, ports.Nginx)
            .WithLoginServiceSettings(settings, secrets);
        var app = builder.AddWorkload("app", workload, runtime, context.WorkingDirectory, options.RestartWorkload);
        builder.AddNginx("nginx", nginxProgram, runtime, new ListenEndpoint(settings.Bind, ports.Nginx), login, app, workload)
            .WaitFor(login);
        var application = builder.Build();

        var info = Describe(settings, secrets, ports.Nginx, runtime, context);
        try
        {
            return await application.RunAsync(
                async () =>
                {
                    if (options.ReadyFile is not null)
                    {
                        ReadyFile.Write(options.ReadyFile, info);
                    }

                    await StartBanner.WriteAsync(output, info, workload, secrets, context, options.Quiet);
                },
                stop);
        }
        catch (StartupFailedException exception)
        {
            await error.WriteLineAsync(CliRunner.Prefix + exception.Message.ReplaceLineEndings(" "));
            return exception.ExitCode ?? ExitCodes.Usage;
        }
        finally
        {
            if (options.ReadyFile is not null)
            {
                ReadyFile.Delete(options.ReadyFile);
            }
        }
    }

    private static ShLoginSettings ReadSettings(CliContext context, StartFlags flags)
    {
        // Inside Docker/Podman the port is published from the container's own network: listen on every interface there.
        if (flags.Bind is null && context.Variable(EnvironmentVariableNames.Bind) is null)
        {
            var bind = ContainerDetection.DefaultBind(context.Environment, File.Exists);
            if (bind != ShLoginSettings.DefaultBind)
            {
                flags = flags with { Bind = bind };
            }
        }

        return new SettingsReader(new LocalSettingsFileSystem()).Read(context.Environment, flags, context.WorkingDirectory);
    }

    private static (int Nginx, int App) ChoosePorts(ShLoginSettings settings, StartFlags flags)
    {
        var bind = ParseAddress(settings.Bind);
        int nginx;
        if (settings.NginxPort is { } explicitPort)
        {
            RequireFree(bind, explicitPort, flags.Nginx is null ? EnvironmentVariableNames.Nginx : StartFlagNames.Nginx);
            nginx = explicitPort;
        }
        else
        {
            nginx = PortAllocator.PickRandom(bind, ShLoginSettings.RandomNginxPortMin, ShLoginSettings.RandomNginxPortMax);
        }

        if (settings.AuthPort is { } authPort)
        {
            RequireFree(IPAddress.Loopback, authPort, flags.AuthPort is null ? EnvironmentVariableNames.AuthPort : StartFlagNames.AuthPort);
        }

        int app;
        if (settings.AppPort is { } appPort)
        {
            RequireFree(IPAddress.Loopback, appPort, flags.Port is null ? EnvironmentVariableNames.Port : StartFlagNames.Port);
            app = appPort;
        }
        else
        {
            do
            {
                app = PortAllocator.PickRandom(IPAddress.Loopback, ShLoginSettings.RandomNginxPortMin, ShLoginSettings.RandomNginxPortMax);
            }
            while (app == nginx);
        }

        return (nginx, app);
    }

    private static void RequireFree(IPAddress address, int port, string setting)
    {
        if (!PortAllocator.IsFree(address, port))
        {
            throw new ConfigurationException(
                setting,
                port.ToString(CultureInfo.InvariantCulture),
                "a free port",
                $"port {port} on {address} is already in use");
        }
    }

    private static IPAddress ParseAddress(string bind) =>
        bind == "localhost" ? IPAddress.Loopback : IPAddress.Parse(bind);

    private static RuntimeDirectory CreateRuntimeDirectory(ShLoginSettings settings, CliContext context)
    {
        var temporaryRoot = context.Variable("TMPDIR") ?? "/tmp";
        try
        {
            return RuntimeDirectory.Create(settings.TmpDir, temporaryRoot);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var setting = settings.TmpDir is null ? "TMPDIR" : EnvironmentVariableNames.TmpDir;
            throw new ConfigurationException(setting, settings.TmpDir ?? temporaryRoot, "a directory this user can create and write", exception.Message);
        }
    }

    private static StackInfo Describe(ShLoginSettings settings, StackSecrets secrets, int nginxPort, RuntimeDirectory runtime, CliContext context)
    {
        var host = settings.Bind is "0.0.0.0" or "::" or "localhost" ? "127.0.0.1" : settings.Bind;
        var hostInUrl = host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host;
        var url = string.Create(CultureInfo.InvariantCulture, $"http://{hostInUrl}:{nginxPort}/");
        return new StackInfo
        {
            Url = url,
            LoginUrl = url + "auth/login",
            Mode = StackResources.ModeName(settings.Mode),
            Token = secrets.Token,
            OtpAuthUri = secrets.TotpKeyGenerated ? secrets.OtpAuthUri(context.UserName + "@" + context.HostName) : null,
            NginxPort = nginxPort,
            Bind = settings.Bind,
            RuntimeDirectory = runtime.Path,
            ProcessId = Environment.ProcessId,
        };
    }
}
