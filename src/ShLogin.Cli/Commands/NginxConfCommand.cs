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

        var otpServer = new Option<string?>("--otp-server")
        {
            Description = "Print instead the site that lets through only requests carrying another service's current code "
                + "(X-OTP-Name, X-OTP-Realm, X-OTP-Token), checked by sh-login otp-server listening here: HOST:PORT or unix:/path.sock",
            HelpName = "UPSTREAM",
        };
        var otpRealm = new Option<string?>("--otp-realm")
        {
            Description = "With --otp-server: let through only entries of this realm",
            HelpName = "REALM",
        };

        var command = new Command("nginx-conf", "Print the nginx configuration (for http { }) that puts sh-login serve in front of an app")
        {
            otpServer,
            otpRealm,
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

            if (parseResult.GetValue(otpServer) is { } otpUpstream)
            {
                if (!Upstream.TryParse(otpUpstream, out var otp, out problem))
                {
                    return Refuse(error, otpServer, problem);
                }

                try
                {
                    parseResult.InvocationConfiguration.Output.Write(NginxOtpGateRenderer.Render(endpoint, otp, app, parseResult.GetValue(otpRealm)));
                    return 0;
                }
                catch (ArgumentException exception)
                {
                    return Refuse(error, otpRealm, exception.Message);
                }
            }

            if (parseResult.GetValue(otpRealm) is not null)
            {
                return Refuse(error, otpRealm, "needs --otp-server");
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
