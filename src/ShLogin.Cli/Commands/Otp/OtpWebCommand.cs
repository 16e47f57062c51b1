using System.CommandLine;
using Microsoft.Extensions.Hosting;
using ShLogin.Configuration;
using ShLogin.Vault.Web;

namespace ShLogin.Cli.Commands.Otp;

/// <summary>
/// <c>sh-login otp web --socket PATH</c>: serves the vault's web view on a unix socket until
/// SIGINT/SIGTERM; what <c>start --app otp</c> runs behind the login. The passphrase comes from
/// <c>SH_LOGIN_OTP_PASSPHRASE_FILE</c> (start writes one in its private directory) or a prompt.
/// </summary>
internal static class OtpWebCommand
{
    public static Command Create(CliContext context)
    {
        var vault = new OtpVaultOptions(context);
        var socket = new Option<string?>("--socket")
        {
            Description = $"Listen on this unix socket, created with mode 0600 (default: ${EnvironmentVariableNames.Socket}).",
            HelpName = "PATH",
        };
        var command = new Command("web", "Serve the vault as a web page on a unix socket, without a login of its own: run it through 'sh-login start --app otp'.")
        {
            socket,
        };
        vault.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(socket) ?? context.Variable(EnvironmentVariableNames.Socket)
                ?? throw new UsageException($"otp web needs a unix socket: give --socket PATH or set {EnvironmentVariableNames.Socket}");
            var (store, key, contents) = vault.Unlock(parseResult);
            using (key)
            {
                Microsoft.AspNetCore.Builder.WebApplication app;
                try
                {
                    app = OtpWebApp.Create(context.FullPath(path), store, key, context.Time);
                }
                catch (IOException e)
                {
                    throw new UsageException("--socket: " + e.Message, e);
                }

                await using (app)
                {
                    try
                    {
                        await app.StartAsync(cancellationToken);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        return ExitCodes.Success;
                    }

                    await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                        $"sh-login otp web: serving {contents.Accounts.Count} account(s) of {store.Path} on unix:{context.FullPath(path)}; it has no login of its own, so reach it through ShLogin.");
                    await app.WaitForShutdownAsync(cancellationToken);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
