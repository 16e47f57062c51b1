using System.CommandLine;
using ShLogin.Configuration;

namespace ShLogin.Cli.Commands;

/// <summary>
/// <c>sh-login start</c>: the launcher and container entrypoint. Brings up nginx, the login
/// service and the workload, prints how to get in, supervises them, and leaves nothing behind.
/// </summary>
internal static class StartCommand
{
    private const int DefaultStartupTimeoutSeconds = 60;

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var token = Flag(StartFlagNames.Token, "TOKEN", "The startup token (default: 192 random bits). Prefer SH_LOGIN_TOKEN: other users can read process arguments.");
        var mode = Flag(StartFlagNames.Mode, "MODE", "What a browser must prove: token, totp or token+totp (default token).");
        var totpSecretFile = Flag(StartFlagNames.TotpSecretFile, "FILE", "File holding the Base32 TOTP secret (default: .totp_secret here if present, else a new one is shown as a QR code).");
        var nginx = Flag(StartFlagNames.Nginx, "PORT", "Public port (default: a random free port in 9000-64499).");
        var bind = Flag(StartFlagNames.Bind, "ADDRESS", "Address nginx listens on (default 127.0.0.1; the Docker image sets 0.0.0.0).");
        var port = Flag(StartFlagNames.Port, "PORT|socket", "Loopback port of the app, or socket: a command then listens on the private unix socket named in SH_LOGIN_SOCKET (default: the socket for the presets that support one, else a random port).");
        var authPort = Flag(StartFlagNames.AuthPort, "PORT", "Loopback port of the login service (default: a unix socket).");
        authPort.Aliases.Add(StartFlagNames.Flask);
        var tmpdir = Flag(StartFlagNames.TmpDir, "DIR", "Private runtime directory (default: a new 0700 directory under $TMPDIR, removed at exit).");
        var cmd = Flag(StartFlagNames.Cmd, "COMMAND", "Shell command of the workload; it gets SH_LOGIN_PORT (or, with --port socket, SH_LOGIN_SOCKET) in its environment.");
        var app = Flag(StartFlagNames.App, "PRESET", "Preset workload: demo (default), jupyter, jupyterlab, jupyter-server, rstudio, code-server or otp (your TOTP vault, see 'sh-login otp').");
        var defaultApp = Flag(StartFlagNames.DefaultApp, "PRESET", "The preset to run when neither --app, SH_LOGIN_APP nor a command chooses one (default demo). For images: the user's SH_LOGIN_CMD or SH_LOGIN_APP still wins.");
        var sessionTtl = Flag(StartFlagNames.SessionTtl, "DURATION", "Absolute session lifetime, e.g. 12h (default), 30m, 7d.");
        var cookieDomain = Flag(StartFlagNames.CookieDomain, "DOMAIN", "Cookie domain for single sign-on across subdomains (default: host-only).");
        var secureCookie = Flag(StartFlagNames.SecureCookie, "auto|on|off", "Secure attribute of the session cookie (default auto: when the request came over https).");
        var proxy = Flag(StartFlagNames.Proxy, "nginx|builtin|auto", "What serves the public port: nginx, the built-in proxy of the login service, or auto (default): nginx when it is installed, else the built-in proxy.");
        var readyFile = Flag("--ready-file", "PATH", "Write a JSON description of the running stack here (mode 0600) once it answers; removed at exit.");
        var quiet = new Option<bool>("--quiet") { Description = "Print only the URL line." };
        var restartWorkload = new Option<bool>("--restart-workload") { Description = "Restart the workload when it exits instead of stopping the stack." };
        var startupTimeout = CliOptions.IntegerInRange(
            "--startup-timeout", "Seconds the stack may take to become ready.", "SECONDS", DefaultStartupTimeoutSeconds, 1, 3600, "whole seconds 1-3600");
        var commandArguments = new Argument<string[]>("command")
        {
            Description = "The workload command and its arguments, after --.",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var command = new Command(
            "start",
            "Start nginx, the login service and the workload; print the URL and the token (or enrol TOTP); supervise until Ctrl-C.")
        {
            token, mode, totpSecretFile, nginx, bind, port, authPort, tmpdir, cmd, app, defaultApp, sessionTtl, cookieDomain, secureCookie, proxy,
            readyFile, quiet, restartWorkload, startupTimeout, commandArguments,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var flags = new StartFlags
            {
                Token = parseResult.GetValue(token),
                Mode = parseResult.GetValue(mode),
                TotpSecretFile = parseResult.GetValue(totpSecretFile),
                Nginx = parseResult.GetValue(nginx),
                Bind = parseResult.GetValue(bind),
                Port = parseResult.GetValue(port),
                AuthPort = parseResult.GetValue(authPort),
                TmpDir = parseResult.GetValue(tmpdir),
                Cmd = parseResult.GetValue(cmd),
                App = parseResult.GetValue(app),
                DefaultApp = parseResult.GetValue(defaultApp),
                SessionTtl = parseResult.GetValue(sessionTtl),
                CookieDomain = parseResult.GetValue(cookieDomain),
                SecureCookie = parseResult.GetValue(secureCookie),
                Proxy = parseResult.GetValue(proxy),
                CommandArguments = parseResult.GetValue(commandArguments) ?? [],
            };
            var options = new LaunchOptions(
                parseResult.GetValue(readyFile) is { } path ? context.FullPath(path) : null,
                parseResult.GetValue(quiet),
                parseResult.GetValue(restartWorkload),
                TimeSpan.FromSeconds(parseResult.GetValue(startupTimeout)));
            return await StackLauncher.RunAsync(context, flags, options, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    private static Option<string?> Flag(string name, string helpName, string description) =>
        new(name) { Description = description, HelpName = helpName };
}
