using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using ShLogin.Cli.Commands.Serve;
using ShLogin.Configuration;
using ShLogin.LoginService;
using ShLogin.LoginService.NginxGate;
using ShLogin.LoginService.Proxy;
using ShLogin.Memory;
using ShLogin.Stack;

namespace ShLogin.Cli.Commands;

/// <summary>
/// <c>sh-login serve</c>: only the login service, for an nginx the user runs (set up with
/// <c>sh-login nginx-conf</c>). <c>sh-login start</c> runs it as a child with
/// <c>--socket</c> and <c>--data-dir</c> and the secrets in the environment.
/// </summary>
internal static class ServeCommand
{
    public const string Name = "serve";

    private const string Prefix = "sh-login serve: ";

    private const string HostLogCategory = "Microsoft.Extensions.Hosting";

    /// <summary>How long a stop may take before open requests are cut off.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    // Long enough for the supervisor's health probe and a browser's first requests to have come.
    private static readonly TimeSpan StartupMemoryReleaseDelay = TimeSpan.FromSeconds(2);

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var defaultAddress = ServeListenAddress.Default.Upstream;
        var authPort = new Option<string?>(StartFlagNames.AuthPort, StartFlagNames.Flask)
        {
            Description = $"Listen on 127.0.0.1:PORT (TCP). Also {EnvironmentVariableNames.AuthPort} or its old name "
                + $"{EnvironmentVariableNames.FlaskPort}. A port, given either way, wins over --socket.",
            HelpName = "PORT",
        };
        var socket = new Option<string?>(ServeListenAddress.SocketOption)
        {
            Description = "Listen on this unix socket (created 0600) instead of TCP; nginx-conf then needs "
                + "--auth-upstream unix:PATH. Without a port and without --socket, serve listens on "
                + $"{defaultAddress}, the address sh-login nginx-conf assumes by default.",
            HelpName = "PATH",
        };
        var dataDir = new Option<string?>(ServeDataDirectory.Option)
        {
            Description = "Private directory (0700) for the signing keys and the sessions; restarts with the same "
                + $"directory keep users signed in. Default: ${ServeDataDirectory.StateHomeVariable}/sh-login or ~/.local/state/sh-login.",
            HelpName = "DIR",
        };
        var mode = new Option<string?>(StartFlagNames.Mode)
        {
            Description = $"What a browser must prove: token, totp or token+totp (default token; also {EnvironmentVariableNames.Mode}).",
            HelpName = "MODE",
        };
        var totpSecretFile = new Option<string?>(StartFlagNames.TotpSecretFile)
        {
            Description = $"File holding the Base32 TOTP secret (also {EnvironmentVariableNames.TotpSecretFile}, "
                + $"{EnvironmentVariableNames.TotpSecret}, or {SettingsReader.WorkingDirectorySecretFileName} in the working directory).",
            HelpName = "PATH",
        };
        var sessionTtl = new Option<string?>(StartFlagNames.SessionTtl)
        {
            Description = $"Absolute session lifetime, e.g. 12h, 7d or 1h30m (default 12h; also {EnvironmentVariableNames.SessionTtl}).",
            HelpName = "DURATION",
        };
        var cookieDomain = new Option<string?>(StartFlagNames.CookieDomain)
        {
            Description = $"Cookie Domain for sign-in across subdomains, e.g. .example.org (default host-only; also {EnvironmentVariableNames.CookieDomain}).",
            HelpName = "DOMAIN",
        };
        var secureCookie = new Option<string?>(StartFlagNames.SecureCookie)
        {
            Description = $"Secure cookies: auto (when the browser used https), on or off (also {EnvironmentVariableNames.SecureCookie}).",
            HelpName = "auto|on|off",
        };

        var cookieName = new Option<string?>("--cookie-name")
        {
            Description = $"Name of the session cookie (default {LoginServiceOptions.DefaultCookieName}). Browsers do not tell cookies apart by port: "
                + "give each login service on one host name its own (sh-login start does).",
            HelpName = "NAME",
        };
        var sessionDirectory = new Option<string?>(NginxGateOptionNames.SessionDirectory)
        {
            Description = "Keep in this directory (0700) one file per valid session, named by its gate cookie (the session cookie's name + _gate), "
                + "for an nginx that tests for the file on every request and lets such requests through without asking /auth/check "
                + "(sh-login start uses it; nginx must run as the same user).",
            HelpName = "DIR",
        };

        var appName = new Option<string?>("--app-name")
        {
            Description = $"The app's name on the login page: \"Sign in to NAME\" (also {EnvironmentVariableNames.AppName}; sh-login start sets it from the workload).",
            HelpName = "NAME",
        };
        var proxyListen = new Option<string?>(BuiltinProxyOptionNames.Listen)
        {
            Description = "Be the proxy too, where no nginx is in front (sh-login start does this with SH_LOGIN_PROXY=builtin): listen for browsers "
                + $"on HOST:PORT, answer /auth/ there and forward every request with a valid session to {BuiltinProxyOptionNames.App}. "
                + $"A header the app requires comes from {BuiltinProxyOptionNames.AppSecretHeaderVariable} ('Name: value').",
            HelpName = "HOST:PORT",
        };
        var proxyApp = new Option<string?>(BuiltinProxyOptionNames.App)
        {
            Description = $"With {BuiltinProxyOptionNames.Listen}: where the app answers, unix:/path.sock or HOST:PORT.",
            HelpName = "UPSTREAM",
        };
        var proxyAppAvailableFile = new Option<string?>(BuiltinProxyOptionNames.AppAvailableFile)
        {
            Description = $"With {BuiltinProxyOptionNames.Listen}: forward to the app only while this file exists (503 otherwise).",
            HelpName = "PATH",
        };

        var command = new Command(
            Name,
            "Run only the login service, for an nginx you run yourself (see sh-login nginx-conf). "
            + $"Secrets come only from the environment or files: {EnvironmentVariableNames.Token}, "
            + $"{EnvironmentVariableNames.TotpSecret} or {EnvironmentVariableNames.TotpSecretFile}; when the mode needs one "
            + "that is not set, serve makes one for this run and prints it. Stops cleanly on SIGINT or SIGTERM.")
        {
            authPort,
            socket,
            dataDir,
            mode,
            totpSecretFile,
            sessionTtl,
            cookieDomain,
            secureCookie,
            cookieName,
            sessionDirectory,
            appName,
            proxyListen,
            proxyApp,
            proxyAppAvailableFile,
        };

        command.SetAction((parseResult, cancellationToken) =>
        {
            var invocation = new ServeInvocation(
                context,
                new StartFlags
                {
                    AuthPort = parseResult.GetValue(authPort),
                    Mode = parseResult.GetValue(mode),
                    TotpSecretFile = parseResult.GetValue(totpSecretFile),
                    SessionTtl = parseResult.GetValue(sessionTtl),
                    CookieDomain = parseResult.GetValue(cookieDomain),
                    SecureCookie = parseResult.GetValue(secureCookie),
                },
                parseResult.GetValue(socket),
                parseResult.GetValue(dataDir),
                parseResult.GetValue(cookieName) ?? LoginServiceOptions.DefaultCookieName,
                NginxGate(parseResult.GetValue(sessionDirectory), context),
                AppName(parseResult.GetValue(appName), context),
                ServeProxy.Read(parseResult.GetValue(proxyListen), parseResult.GetValue(proxyApp), parseResult.GetValue(proxyAppAvailableFile), context),
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error);
            return RunAsync(invocation, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ServeInvocation invocation, CancellationToken cancellationToken)
    {
        var (context, flags, socketPath, dataDirOption, cookieName, nginxGate, appName, proxy, output, error) = invocation;
        if (flags.AuthPort is not null && socketPath is not null)
        {
            throw new UsageException($"give either {StartFlagNames.AuthPort} or {ServeListenAddress.SocketOption}, not both");
        }

        var settings = new SettingsReader(LocalSettingsFileSystem.Instance).Read(context.Environment, flags, context.WorkingDirectory);
        var address = ServeListenAddress.Choose(settings.AuthPort, socketPath, context.WorkingDirectory);
        if (settings.AuthPort is not null && socketPath is not null)
        {
            await error.WriteLineAsync(
                $"{Prefix}{EnvironmentVariableNames.AuthPort} (or {EnvironmentVariableNames.FlaskPort}) is set: listening on TCP, {ServeListenAddress.SocketOption} is ignored");
        }

        var dataDirectory = ServeDataDirectory.Resolve(dataDirOption, context);
        var secrets = ServeSecrets.For(settings);
        var options = new LoginServiceOptions
        {
            Mode = settings.Mode,
            Token = secrets.Token,
            TotpSecret = secrets.TotpKey,
            SessionTtl = settings.SessionTtl,
            CookieDomain = settings.CookieDomain,
            SecureCookie = settings.SecureCookie,
            DataDirectory = dataDirectory,
            CookieName = cookieName,
            TimeProvider = context.Time,
            NginxGate = nginxGate,
            AppName = appName,
            BuiltinProxy = proxy,
        };

        // No collections while the host is built and starts listening: the small allocation budget
        // the service runs with would otherwise collect a dozen times before the first answer.
        var collectionPause = StartupMemory.PauseCollections();
        await using var app = CreateApp(options, address, dataDirectory);
        bool started;
        try
        {
            started = await StartAsync(app, address, cancellationToken);
        }
        finally
        {
            collectionPause.Dispose();
        }

        if (!started)
        {
            return ExitCodes.Success;
        }

        secrets.PrintGenerated(output, context);
        await output.WriteLineAsync(proxy is null
            ? $"{Prefix}listening on {address.Describe()} (for nginx: sh-login nginx-conf --auth-upstream {address.Upstream}); data in {dataDirectory}"
            : $"{Prefix}listening on {address.Describe()} and, as the proxy to {proxy.App}, on {proxy.Listen}; data in {dataDirectory}");
        await output.FlushAsync(CancellationToken.None);

        // Soon after start-up, what only start-up and the first requests needed goes back (bench/run).
        var release = StartupMemory.ReleaseAfterAsync(StartupMemoryReleaseDelay, app.Lifetime.ApplicationStopping);

        await WaitForStopAsync(app, cancellationToken);
        using var stopTimeout = new CancellationTokenSource(ShutdownTimeout);
        await app.StopAsync(stopTimeout.Token);
        await release;
        return ExitCodes.Success;
    }

    // The flag, else the variable; a name the page could not show is refused here with one line.
    private static string? AppName(string? flag, CliContext context)
    {
        var (setting, value) = flag is not null ? ("--app-name", flag) : (EnvironmentVariableNames.AppName, context.Environment.GetValueOrDefault(EnvironmentVariableNames.AppName));
        if (value is null || (flag is null && value.Length == 0))
        {
            return null;
        }

        return AppDisplayName.Parse(setting, value);
    }

    private static NginxGateOptions? NginxGate(string? sessionDirectory, CliContext context)
    {
        if (sessionDirectory is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(sessionDirectory) || sessionDirectory.Any(char.IsControl))
        {
            throw new ConfigurationException(NginxGateOptionNames.SessionDirectory, sessionDirectory, "a directory path without control characters");
        }

        return new NginxGateOptions(context.FullPath(sessionDirectory));
    }

    private static WebApplication CreateApp(LoginServiceOptions options, ServeListenAddress address, string dataDirectory)
    {
        try
        {
            // A failed start is reported as one line by the caller; the host would also log it with a stack trace.
            return LoginServiceApp.Create(
                options,
                [address.Url],
                builder => builder.Logging.AddFilter(HostLogCategory, LogLevel.Critical));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{ServeDataDirectory.Option} '{dataDirectory}' cannot be used: {e.Message}", e);
        }
    }

    /// <summary>Starts listening; false when SIGINT/SIGTERM came first, which is a normal stop.</summary>
    private static async Task<bool> StartAsync(WebApplication app, ServeListenAddress address, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (IOException e)
        {
            var hint = address.Upstream.IsUnixSocket
                ? "choose another --socket"
                : $"choose another port with {EnvironmentVariableNames.AuthPort} or {StartFlagNames.AuthPort}, or use {ServeListenAddress.SocketOption}";
            throw new UsageException($"cannot listen on {address.Describe()}: {(e.InnerException ?? e).Message} ({hint})", e);
        }
    }

    /// <summary>Until SIGINT/SIGTERM (the token) or the host itself is told to stop.</summary>
    private static async Task WaitForStopAsync(WebApplication app, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop: the normal way out.
        }
    }

    private sealed record ServeInvocation(
        CliContext Context,
        StartFlags Flags,
        string? SocketPath,
        string? DataDirOption,
        string CookieName,
        NginxGateOptions? NginxGate,
        string? AppName,
        BuiltinProxyOptions? Proxy,
        TextWriter Output,
        TextWriter Error);
}
