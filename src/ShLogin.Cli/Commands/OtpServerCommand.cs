using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using ShLogin.Cli.Commands.Serve;
using ShLogin.Configuration;
using ShLogin.OtpServer;
using ShLogin.OtpServer.Endpoints;
using ShLogin.OtpServer.Realms;
using ShLogin.OtpServer.Storage;

namespace ShLogin.Cli.Commands;

/// <summary>
/// <c>sh-login otp-server</c>: the OTP service for micro services (realms, <c>POST /ungleichotp/verify</c>,
/// nginx's auth check); <c>sh-login otp-server init</c> makes its key and first admin entry.
/// </summary>
internal static class OtpServerCommand
{
    public const string Name = "otp-server";

    private const string Prefix = "sh-login otp-server: ";

    private const string DataDirectoryName = "otp-server";

    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dataDir = DataDirOption();
        var socket = new Option<string?>(ServeListenAddress.SocketOption)
        {
            Description = $"Listen on this unix socket (created 0600). Default: DATA_DIR/{OtpServerSetup.SocketFileName}.",
            HelpName = "PATH",
        };
        var port = new Option<string?>("--port")
        {
            Description = "Listen on 127.0.0.1:PORT (TCP) instead of a unix socket.",
            HelpName = "PORT",
        };
        var listen = new Option<string?>("--listen")
        {
            Description = "Listen on ADDRESS:PORT, e.g. 0.0.0.0:8000 or [::1]:8000 (plain HTTP: put TLS in front of it).",
            HelpName = "ADDRESS:PORT",
        };

        var command = new Command(
            Name,
            "Run the OTP server for micro services: each service proves itself with its TOTP code, trusted services "
            + "verify others' codes (POST /ungleichotp/verify), realms decide who may do what. State: SQLite in DATA_DIR, "
            + $"or PostgreSQL when {EnvironmentVariableNames.OtpServerPostgres} or {EnvironmentVariableNames.OtpServerPostgresFile} is set "
            + $"(several instances may share it); seeds sealed with the key in {EnvironmentVariableNames.OtpServerKeyFile} "
            + $"(default DATA_DIR/{OtpServerSetup.KeyFileName}). Stops cleanly on SIGINT or SIGTERM.")
        {
            dataDir,
            socket,
            port,
            listen,
            InitCommand(context),
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var setup = Setup(context, parseResult.GetValue(dataDir));
            var address = ListenUrl(context, setup, parseResult.GetValue(socket), parseResult.GetValue(port), parseResult.GetValue(listen));
            return await RunAsync(setup, address, parseResult.InvocationConfiguration.Output, cancellationToken);
        });
        return command;
    }

    private static Option<string?> DataDirOption() => new(ServeDataDirectory.Option)
    {
        Description = $"Private directory (0700) for the SQLite database, the default key file and socket. Default: ${ServeDataDirectory.StateHomeVariable}/sh-login/{DataDirectoryName}.",
        HelpName = "DIR",
    };

    private static Command InitCommand(CliContext context)
    {
        var dataDir = DataDirOption();
        var name = new Option<string>("--name")
        {
            Description = "The admin entry's name.",
            DefaultValueFactory = _ => "admin",
            HelpName = "NAME",
        };
        var command = new Command(
            "init",
            $"Create the server key (0600, when missing), the database, and the first {RealmPolicy.Admin} entry; print its name, realm and seed once.")
        {
            dataDir,
            name,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var setup = Setup(context, parseResult.GetValue(dataDir));
            var adminName = parseResult.GetValue(name) ?? "admin";
            if (!EntryNames.IsValid(adminName))
            {
                throw new ConfigurationException("--name", adminName, EntryNames.Accepted);
            }

            return await InitAsync(setup, adminName, context.Time, parseResult.InvocationConfiguration.Output, cancellationToken);
        });
        return command;
    }

    private static OtpServerSetup Setup(CliContext context, string? dataDirOption)
    {
        var dataDirectory = dataDirOption is not null
            ? ServeDataDirectory.Resolve(dataDirOption, context)
            : Path.Combine(ServeDataDirectory.Resolve(null, context), DataDirectoryName);
        try
        {
            var setup = OtpServerSetup.Resolve(dataDirectory, context.Variable, context.WorkingDirectory);
            setup.EnsureDataDirectory();
            return setup;
        }
        catch (OtpServerConfigurationException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    private static async Task<int> InitAsync(OtpServerSetup setup, string adminName, TimeProvider time, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            var admin = await OtpServerInit.CreateFirstAdminAsync(setup, adminName, time, cancellationToken);
            await output.WriteLineAsync($"{Prefix}{(admin.CreatedKey ? "created the server key " : "server key ")}{setup.KeyFile}; database {admin.Database}");
            await output.WriteLineAsync("The first admin entry (its seed is shown only now; keep it secret):");
            await output.WriteLineAsync($"  name:    {admin.Name}");
            await output.WriteLineAsync($"  realm:   {admin.Realm}");
            await output.WriteLineAsync($"  appuuid: {admin.AppUuid:D}");
            await output.WriteLineAsync($"  seed:    {admin.Seed}");
            return ExitCodes.Success;
        }
        catch (OtpServerConfigurationException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    private static string ListenUrl(CliContext context, OtpServerSetup setup, string? socket, string? port, string? listen)
    {
        if ((socket is not null ? 1 : 0) + (port is not null ? 1 : 0) + (listen is not null ? 1 : 0) > 1)
        {
            throw new UsageException($"give one of {ServeListenAddress.SocketOption}, --port and --listen");
        }

        if (port is not null)
        {
            return ServeListenAddress.Tcp(ParsePort("--port", port)).Url;
        }

        if (listen is not null)
        {
            var colon = listen.LastIndexOf(':');
            var host = colon > 0 ? listen[..colon] : string.Empty;
            var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
            if (colon <= 0 || !System.Net.IPAddress.TryParse(bare, out _) || (bare.Contains(':', StringComparison.Ordinal) && bare == host))
            {
                throw new ConfigurationException("--listen", listen, "ADDRESS:PORT with an IP address, e.g. 127.0.0.1:8000, 0.0.0.0:8000 or [::]:8000");
            }

            return $"http://{host}:{ParsePort("--listen", listen[(colon + 1)..])}";
        }

        return ServeListenAddress.UnixSocket(socket ?? setup.DefaultSocket, context.WorkingDirectory).Url;
    }

    private static int ParsePort(string option, string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is > 0 and < 65536
            ? value
            : throw new ConfigurationException(option, text, "a port from 1 to 65535");

    private static async Task<int> RunAsync(OtpServerSetup setup, string url, TextWriter output, CancellationToken cancellationToken)
    {
        WebApplication app;
        IOtpStore store;
        try
        {
            var cipher = setup.ReadCipher();
            store = await setup.OpenStoreAsync(cancellationToken);
            await OtpServerSetup.RequireKeyOpensSeedsAsync(store, cipher, setup.KeyFile, cancellationToken);
            app = OtpServerApp.Create(new OtpServerOptions { Store = store, Cipher = cipher }, [url]);
        }
        catch (OtpServerConfigurationException e)
        {
            throw new UsageException(e.Message, e);
        }

        await using (store)
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
            catch (IOException e)
            {
                throw new UsageException($"cannot listen on {url}: {(e.InnerException ?? e).Message}", e);
            }

            await output.WriteLineAsync($"{Prefix}listening on {url}; {store.Describe()}");
            await output.FlushAsync(CancellationToken.None);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // SIGINT/SIGTERM: the normal way out.
            }

            using var stopTimeout = new CancellationTokenSource(ShutdownTimeout);
            await app.StopAsync(stopTimeout.Token);
        }

        return ExitCodes.Success;
    }
}
