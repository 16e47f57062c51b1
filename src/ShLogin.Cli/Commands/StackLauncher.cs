using ShLogin.Configuration;
using ShLogin.LoginService.Sessions;
using ShLogin.Nginx;
using ShLogin.Stack;
using ShLogin.Supervisor;
using ShLogin.Supervisor.Processes;
using ShLogin.Supervisor.Stack;

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
        // Checked first, as each later step would be: one line, exit 2, nothing started.
        var settings = StackSettings.Read(context.Environment, flags, context.WorkingDirectory);
        if (flags.Token is not null)
        {
            await error.WriteLineAsync($"{CliRunner.Prefix}warning: {StartFlagNames.Token} shows the token to every user of this host in the process list; prefer {EnvironmentVariableNames.Token}.");
        }

        if (options.ReadyFile is not null)
        {
            ReadyFile.RequireSafeLocation(options.ReadyFile);
        }

        var nginxProgram = settings.Proxy == ProxyMode.Builtin ? null : StackDescription.FindNginx();
        var proxy = StackDescription.ChooseProxy(settings.Proxy, nginxProgram);
        if (proxy == ProxyMode.Nginx && nginxProgram is null)
        {
            throw new UsageException(
                $"nginx was not found on PATH or in /usr/sbin; install it (Debian/Ubuntu: apt-get install nginx) or use the built-in proxy ({EnvironmentVariableNames.Proxy}=builtin)");
        }

        // Whatever the stack writes (nginx's pid, Jupyter's server files, the app's files) is the user's alone.
        FileCreationMask.Set(FileCreationMask.OwnerOnly);
        using var stack = StackDescription.Prepare(new StackRequest
        {
            Environment = context.Environment,
            Flags = flags,
            WorkingDirectory = context.WorkingDirectory,
            Self = SelfCommand.Current(),
            Account = context.UserName + "@" + context.HostName,
            Proxy = proxy,
        });
        if (stack.Preset == AppPreset.Otp)
        {
            Otp.OtpStartPassphrase.Provide(context, stack.Runtime);
        }

        // Said once every setting has passed, so that a refusal stays the one line it is.
        if (settings.Proxy == ProxyMode.Auto)
        {
            await error.WriteLineAsync(proxy == ProxyMode.Nginx
                ? $"{CliRunner.Prefix}proxy: nginx ({nginxProgram}); {EnvironmentVariableNames.Proxy}=builtin uses the built-in one instead"
                : $"{CliRunner.Prefix}proxy: built-in (nginx was not found on PATH or in /usr/sbin)");
        }

        if (stack.Workload.ExposureWarning is { } exposure)
        {
            await error.WriteLineAsync(CliRunner.Prefix + exposure);
        }

        var supervisor = new ProgramSupervisor(
            StackSupervision.Programs(stack, nginxProgram, options.RestartWorkload),
            new SupervisorOptions
            {
                StartupTimeout = options.StartupTimeout,
                Redactor = stack.Redactor,
            });

        // SIGINT and SIGTERM come through the command line's token; a lost terminal or SSH session
        // (SIGHUP) stops the stack the same way instead of killing start and orphaning the rest.
        using var stopOrHangup = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var hangup = Signals.OnHangup(stopOrHangup.Cancel);
        var info = stack.Info;
        try
        {
            return await supervisor.RunAsync(
                async () =>
                {
                    await StartBanner.WriteAsync(output, stack, context, options.Quiet);

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
