using ShLogin.Configuration;
using ShLogin.Hosting;
using ShLogin.Hosting.Processes;
using ShLogin.Hosting.Stack;
using ShLogin.LoginService.Sessions;
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
        var settings = StackSettings.Read(context.Environment, flags, context.WorkingDirectory);
        if (flags.Token is not null)
        {
            await error.WriteLineAsync($"{CliRunner.Prefix}warning: {StartFlagNames.Token} shows the token to every user of this host in the process list; prefer {EnvironmentVariableNames.Token}.");
        }

        if (options.ReadyFile is not null)
        {
            ReadyFile.RequireSafeLocation(options.ReadyFile);
        }

        var nginxProgram = StackResources.FindNginx()
            ?? throw new UsageException("nginx was not found on PATH or in /usr/sbin; install it (Debian/Ubuntu: apt-get install nginx)");
        var ports = StackPorts.Choose(settings, flags);

        // Whatever the stack writes (nginx's pid, Jupyter's server files, the app's files) is the user's alone.
        FileCreationMask.Set(FileCreationMask.OwnerOnly);
        using var runtime = StackSettings.CreateRuntimeDirectory(settings, context.Environment);
        var secrets = StackSecrets.From(settings);
        var self = SelfCommand.Current();
        var workload = WorkloadCatalog.Resolve(settings, runtime, ports.App, self, context.WorkingDirectory);
        if (workload.ExposureWarning is { } exposure)
        {
            await error.WriteLineAsync(CliRunner.Prefix + exposure);
        }

        var builder = DistributedApplicationBuilder.Create(new DistributedApplicationOptions
        {
            StartupTimeout = options.StartupTimeout,
            Redactor = StackLogRedaction.For(secrets, workload),
        });
        var login = builder.AddLoginService("login", self, runtime, settings.AuthPort, ports.Nginx)
            .WithLoginServiceSettings(settings, secrets);
        var app = builder.AddWorkload("app", workload, runtime, context.WorkingDirectory, options.RestartWorkload);
        builder.AddNginx("nginx", nginxProgram, runtime, new ListenEndpoint(settings.Bind, ports.Nginx), login, app, workload, SessionUser.NameFor(settings.Mode))
            .WaitFor(login);
        var application = builder.Build();

        // SIGINT and SIGTERM come through the command line's token; a lost terminal or SSH session
        // (SIGHUP) stops the stack the same way instead of killing start and orphaning the rest.
        using var stopOrHangup = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var hangup = Signals.OnHangup(stopOrHangup.Cancel);
        var info = StackInfo.Describe(settings, secrets, ports.Nginx, runtime.Path, context.UserName + "@" + context.HostName, Environment.ProcessId);
        try
        {
            return await application.RunAsync(
                async () =>
                {
                    await StartBanner.WriteAsync(output, info, workload, secrets, context, options.Quiet);

                    // Last: whoever waits for the ready file finds the banner already written.
                    if (options.ReadyFile is not null)
                    {
                        ReadyFile.Write(options.ReadyFile, info);
                    }
                },
                stopOrHangup.Token);
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
}
