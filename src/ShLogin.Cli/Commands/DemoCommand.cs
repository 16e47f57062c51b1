using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using ShLogin.Configuration;
using ShLogin.Demo;

namespace ShLogin.Cli.Commands;

/// <summary>
/// <c>sh-login demo</c>: runs the demo app (the page that shows the request it received, and a
/// WebSocket echo) on a unix socket or a loopback port until SIGINT or SIGTERM.
/// </summary>
public static class DemoCommand
{
    private const string PortAccepted = "a port number 1-65535";

    /// <summary>Creates the command; without flags it reads the process environment.</summary>
    public static Command Create() => Create(CliContext.FromProcess());

    internal static Command Create(CliContext context)
    {
        var socket = new Option<string?>("--socket")
        {
            Description = $"Listen on this unix socket, created with mode 0600 (default: ${EnvironmentVariableNames.Socket}).",
            HelpName = "PATH",
        };
        var port = new Option<int?>("--port")
        {
            Description = $"Listen on this port of 127.0.0.1 (default: ${EnvironmentVariableNames.Port}).",
            HelpName = "PORT",
            CustomParser = result => CliOptions.Parse<int?>(result, "--port", PortAccepted, ParsePort),
        };
        var command = new Command("demo", "Run the demo app that start protects by default")
        {
            socket,
            port,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(socket) is { Implicit: false } && result.GetResult(port) is { Implicit: false })
            {
                result.AddError("--socket and --port exclude each other: give one of them");
            }
        });

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var place = ListenPlace.Choose(parseResult.GetValue(socket), parseResult.GetValue(port), context);
            await RunAsync(place, parseResult.InvocationConfiguration.Error, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task RunAsync(ListenPlace place, TextWriter error, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = DemoApp.Create([place.Url]);
        }
        catch (DemoListenException e)
        {
            throw new UsageException($"{place.Setting}: {e.Message}", e);
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or SocketException or AddressInUseException)
            {
                throw new UsageException($"{place.Setting}: cannot listen on {place.Shown}: {e.Message}", e);
            }

            await error.WriteLineAsync(
                $"sh-login demo: serving on {place.Shown}; it has no login of its own, so reach it through ShLogin.");

            // Ends on SIGINT/SIGTERM: the host stops itself, and the command line cancels the token.
            await app.WaitForShutdownAsync(cancellationToken);
        }
    }

    private static int? ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 65535
            ? value
            : null;

    /// <summary>Where the app listens, and which flag or variable said so (for error messages).</summary>
    private sealed record ListenPlace(string Url, string Shown, string Setting)
    {
        public static ListenPlace Choose(string? socketFlag, int? portFlag, CliContext context)
        {
            if (socketFlag is not null)
            {
                return Socket(socketFlag, "--socket", context);
            }

            if (portFlag is { } port)
            {
                return Port(port, "--port");
            }

            if (context.Variable(EnvironmentVariableNames.Socket) is { } socketVariable)
            {
                return Socket(socketVariable, EnvironmentVariableNames.Socket, context);
            }

            if (context.Variable(EnvironmentVariableNames.Port) is { } portVariable)
            {
                return Port(
                    ParsePort(portVariable) ?? throw new ConfigurationException(EnvironmentVariableNames.Port, portVariable, PortAccepted),
                    EnvironmentVariableNames.Port);
            }

            throw new UsageException(
                $"demo needs a place to listen: give --socket PATH or --port PORT, or set {EnvironmentVariableNames.Socket} or {EnvironmentVariableNames.Port}");
        }

        private static ListenPlace Socket(string path, string setting, CliContext context)
        {
            if (string.IsNullOrWhiteSpace(path) || path.Any(char.IsControl))
            {
                throw new ConfigurationException(setting, path, "a file path without control characters");
            }

            var fullPath = context.FullPath(path);
            return new ListenPlace("http://unix:" + fullPath, "unix:" + fullPath, setting);
        }

        private static ListenPlace Port(int port, string setting)
        {
            var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
            return new ListenPlace(url, url + "/", setting);
        }
    }
}
