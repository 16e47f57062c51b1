using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShLogin.Demo.Endpoints;
using ShLogin.Demo.Hosting;
using ShLogin.Sockets;
using ShLogin.Web.Hosting;

namespace ShLogin.Demo;

/// <summary>
/// The demo workload: a page that shows the request it received and a WebSocket echo. It needs
/// nothing installed, so <c>sh-login start</c> and the AppHost protect it when no app is named.
/// </summary>
public static class DemoApp
{
    /// <summary>The application name the host reports.</summary>
    public const string ApplicationName = "ShLogin.Demo";

    private const long MaxRequestBodyBytes = 64 * 1024;

    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Builds the app, ready for <c>RunAsync</c> or <c>StartAsync</c>. Only the arguments configure
    /// it: appsettings files and <c>ASPNETCORE_*</c>/<c>DOTNET_*</c> variables are ignored.
    /// </summary>
    /// <param name="urls">
    /// Where to listen: <c>http://unix:/path/app.sock</c> (a stale socket file is removed first; the
    /// new socket is 0600 and deleted at shutdown) or <c>http://127.0.0.1:PORT</c> (a loopback
    /// address; port 0 picks a free one). May be empty only when <paramref name="configure"/>
    /// provides the server (tests use a TestServer).
    /// </param>
    /// <param name="configure">Last changes before the app is built (a test server, logging).</param>
    /// <exception cref="DemoListenException">An address is not accepted or its socket path is taken; the message says why.</exception>
    public static WebApplication Create(string[] urls, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var addresses = urls.Select(ListenAddress.Parse).ToList();
        if (addresses.Count == 0 && configure is null)
        {
            throw new DemoListenException($"no listen address given: expected {ListenAddress.Accepted}");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // No file watcher on the content root: the app reads no files.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ApplicationName = ApplicationName,
            // Fixed, so ASPNETCORE_ENVIRONMENT=Development cannot turn on the developer exception page.
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Only the arguments configure the app: no appsettings.json from the working directory, no
        // ASPNETCORE_URLS or Kestrel__ settings from the environment of whoever started it. The
        // empty in-memory source keeps settings made below (the URLs) somewhere to live.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();

        ConfigureServer(builder, addresses);
        ConfigureLogging(builder.Logging);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.MapDemo();

        var socketPaths = addresses.Select(address => address.SocketPath).OfType<string>().ToList();
        if (socketPaths.Count > 0)
        {
            app.Lifetime.ApplicationStopped.Register(() => socketPaths.ForEach(UnixSocketFile.TryDelete));
        }

        return app;
    }

    private static void ConfigureServer(WebApplicationBuilder builder, List<ListenAddress> addresses)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });

        if (addresses.Count == 0)
        {
            return;
        }

        foreach (var address in addresses)
        {
            if (address.SocketPath is { } path)
            {
                UnixSocketFiles.PrepareForBind(path);
            }
        }

        builder.WebHost.UsePrivateUnixSocketsAndUrls(addresses.Select(address => address.Url));
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        // Warnings and errors only, one line each, on stderr (stdout belongs to whoever runs the
        // app). Nothing logs requests or headers.
        logging.ClearProviders();
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.IncludeScopes = false;
        });
        logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
        // A failed start is thrown to the caller, who reports it in one line; the host would log it again.
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
    }
}
