using System.CommandLine;
using ShLogin.Nginx;

namespace ShLogin.Cli.Commands;

/// <summary><c>sh-login nginx-conf</c>: prints the nginx configuration that <c>sh-login serve</c> expects.</summary>
public static class NginxConfCommand
{
    /// <summary>Where <c>sh-login serve</c> listens unless told otherwise.</summary>
    public const string DefaultAuthUpstream = "127.0.0.1:9090";

    /// <summary>Jupyter's usual port.</summary>
    public const string DefaultAppUpstream = "127.0.0.1:8888";

    /// <summary>Loopback only, so a copied snippet exposes nothing until the user decides to.</summary>
    public const string DefaultListen = "127.0.0.1:8080";

    private const int BadInputExitCode = 2;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var authUpstream = new Option<string>("--auth-upstream")
        {
            Description = "Where sh-login serve listens: HOST:PORT or unix:/path.sock",
            DefaultValueFactory = _ => DefaultAuthUpstream,
        };
        var appUpstream = new Option<string>("--app-upstream")
        {
            Description = "The app to protect: HOST:PORT or unix:/path.sock",
            DefaultValueFactory = _ => DefaultAppUpstream,
        };
        var listen = new Option<string>("--listen")
        {
            Description = "Where nginx accepts browsers: HOST:PORT, or PORT for every address",
            DefaultValueFactory = _ => DefaultListen,
        };
        var serverName = new Option<string?>("--server-name")
        {
            Description = "nginx server_name, e.g. jupyter.example.org (default: any host)",
        };
        var checkWebSocketOrigin = new Option<bool>("--check-websocket-origin")
        {
            Description = "Refuse (403) WebSocket upgrades whose Origin is not this site (default true; "
                + "'--check-websocket-origin false' leaves it to the app)",
            DefaultValueFactory = _ => true,
        };
        var cookieName = new Option<string>("--cookie-name")
        {
            Description = $"The session cookie of sh-login serve (its --cookie-name, default {NginxAuthContract.DefaultSessionCookieName}): "
                + "its cookies are removed from the Cookie header the app receives",
            DefaultValueFactory = _ => NginxAuthContract.DefaultSessionCookieName,
        };

        var command = new Command("nginx-conf", "Print the nginx configuration (for http { }) that puts sh-login serve in front of an app")
        {
            authUpstream,
            appUpstream,
            listen,
            serverName,
            checkWebSocketOrigin,
            cookieName,
        };

        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            if (!Upstream.TryParse(parseResult.GetValue(authUpstream), out var auth, out var problem))
            {
                return Refuse(error, authUpstream, problem);
            }

            if (!Upstream.TryParse(parseResult.GetValue(appUpstream), out var app, out problem))
            {
                return Refuse(error, appUpstream, problem);
            }

            if (!ListenEndpoint.TryParse(parseResult.GetValue(listen), out var endpoint, out problem))
            {
                return Refuse(error, listen, problem);
            }

            NginxSiteOptions site;
            try
            {
                site = new NginxSiteOptions
                {
                    Listen = endpoint,
                    AuthUpstream = auth,
                    AppUpstream = app,
                    CheckWebSocketOrigin = parseResult.GetValue(checkWebSocketOrigin),
                    SessionCookieName = parseResult.GetValue(cookieName),
                };
            }
            catch (ArgumentException exception)
            {
                return Refuse(error, cookieName, exception.Message);
            }

            try
            {
                site = site with { ServerName = parseResult.GetValue(serverName) };
            }
            catch (ArgumentException exception)
            {
                return Refuse(error, serverName, exception.Message);
            }

            parseResult.InvocationConfiguration.Output.Write(NginxSnippetRenderer.Render(site));
            return 0;
        });
        return command;
    }

    private static int Refuse(TextWriter error, Option option, string problem)
    {
        error.WriteLine($"sh-login nginx-conf: {option.Name}: {problem}");
        return BadInputExitCode;
    }
}
