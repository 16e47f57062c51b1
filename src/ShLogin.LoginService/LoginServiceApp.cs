using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShLogin.Configuration;
using ShLogin.LoginService.Endpoints;
using ShLogin.LoginService.Hosting;
using ShLogin.LoginService.NginxGate;
using ShLogin.LoginService.Proxy;
using ShLogin.LoginService.RateLimiting;
using ShLogin.LoginService.Security;
using ShLogin.LoginService.Sessions;
using ShLogin.LoginService.Telemetry;
using ShLogin.Nginx;
using ShLogin.Sockets;
using ShLogin.Web.Hosting;

namespace ShLogin.LoginService;

/// <summary>Builds the login service: <c>sh-login serve</c> and <c>sh-login start</c> host what this returns.</summary>
public static class LoginServiceApp
{
    /// <summary>The Data Protection application name; fixed so keys stay valid across versions and restarts.</summary>
    public const string DataProtectionApplicationName = "ShLogin";

    /// <summary>The directory under <see cref="LoginServiceOptions.DataDirectory"/> holding the Data Protection keys.</summary>
    public const string KeysDirectoryName = "keys";

    /// <summary>The file under <see cref="LoginServiceOptions.DataDirectory"/> holding the active sessions.</summary>
    public const string SessionsFileName = "sessions";

    /// <summary>The largest request body the login service reads (its forms are small).</summary>
    internal const long MaxRequestBodyBytes = 32 * 1024;

    /// <summary>
    /// Validates <paramref name="options"/>, prepares the data directory and returns the service,
    /// ready for <c>RunAsync</c> or <c>StartAsync</c>.
    /// </summary>
    /// <param name="options">What the service checks and where it keeps its state.</param>
    /// <param name="urls">
    /// Where to listen: <c>http://127.0.0.1:PORT</c> or <c>http://unix:/path/auth.sock</c>.
    /// A stale socket file is removed first; the new socket is 0600. Null leaves listening to
    /// <paramref name="configure"/> (tests use a TestServer).
    /// </param>
    /// <param name="configure">Last changes before the app is built (logging, a test server, replaced services).</param>
    /// <exception cref="LoginServiceOptionsException">The options or a socket path are unusable; the message says why.</exception>
    public static WebApplication Create(
        LoginServiceOptions options,
        IReadOnlyList<string>? urls = null,
        Action<WebApplicationBuilder>? configure = null) =>
        Create(options, urls, configure, OpenTelemetryExport.ProcessVariables());

    /// <summary>As the public overload, with the <c>OTEL_*</c> variables given rather than read from the process (tests).</summary>
    internal static WebApplication Create(
        LoginServiceOptions options,
        IReadOnlyList<string>? urls,
        Action<WebApplicationBuilder>? configure,
        IReadOnlyDictionary<string, string> openTelemetryVariables)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(openTelemetryVariables);
        options.EnsureValid();

        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        var keysDirectory = Path.Combine(dataDirectory, KeysDirectoryName);
        PrivateFiles.EnsureDirectory(dataDirectory);
        PrivateFiles.EnsureDirectory(keysDirectory);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = DataProtectionApplicationName,
            ContentRootPath = dataDirectory,
        });

        // Only what the caller passes configures the service: no appsettings.json from the
        // working directory, no ASPNETCORE_URLS from the environment of the workload.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();

        ConfigureServer(builder, urls is null || options.BuiltinProxy is not { } proxy ? urls : [.. urls, proxy.ListenUrl]);
        ConfigureLogging(builder.Logging);
        ConfigureServices(builder.Services, options, keysDirectory, dataDirectory);
        OpenTelemetryExport.AddIfConfigured(builder, openTelemetryVariables);
        configure?.Invoke(builder);

        var app = builder.Build();

        // Read the saved sessions now: a broken store shows at start-up, not on the first request.
        _ = app.Services.GetRequiredService<ISessionStore>();

        // Counts from the first request on, not from the first look at /auth/metrics.
        _ = app.Services.GetRequiredService<MetricsCollector>();

        // nginx's session map is current before the service answers its first request, and
        // emptied when it stops.
        if (options.NginxGate is not null)
        {
            var publisher = app.Services.GetRequiredService<NginxSessionMapPublisher>();
            publisher.Start();
            app.Lifetime.ApplicationStopping.Register(publisher.Stop);
        }

        if (options.BuiltinProxy is not null)
        {
            app.UseClientHeaderCleanup();
        }

        var forceHttps = options.SecureCookie == SecureCookieMode.On;
        app.Use((context, next) =>
        {
            TrustedProxy.ApplyForwardedScheme(context);
            if (forceHttps)
            {
                // "Secure cookies on" asserts the browser speaks https to the public side, whatever
                // the hop to this service says; the antiforgery cookie insists on seeing that.
                context.Request.Scheme = "https";
            }

            return next(context);
        });

        // The built-in proxy checks the session of app requests itself (see SessionCheckCache).
        if (options.BuiltinProxy is not null)
        {
            app.UseBuiltinProxy();
        }

        // Sets HttpContext.User from the session cookie, so antiforgery tokens issued to a
        // signed-in browser are bound to its session.
        app.UseAuthentication();

        app.MapShLoginAuth();

        var socketPaths = UnixSocketFiles.PathsOf(urls ?? []);
        if (socketPaths.Count > 0)
        {
            app.Lifetime.ApplicationStopped.Register(() =>
            {
                foreach (var path in socketPaths)
                {
                    UnixSocketFile.TryDelete(path);
                }
            });
        }

        return app;
    }

    private static void ConfigureServer(WebApplicationBuilder builder, IReadOnlyList<string>? urls)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });

        if (urls is null)
        {
            return;
        }

        if (urls.Count == 0)
        {
            throw new LoginServiceOptionsException("Listen addresses: none given; accepted: http://127.0.0.1:PORT or http://unix:/path/auth.sock.");
        }

        foreach (var path in UnixSocketFiles.PathsOf(urls))
        {
            UnixSocketFiles.RemoveStale(path);
        }

        builder.WebHost.UsePrivateUnixSocketsAndUrls(urls);
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        // Warnings and errors only, one line each. Nothing logs requests, cookies or form values.
        logging.ClearProviders();
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.IncludeScopes = false;
        });
        logging.SetMinimumLevel(LogLevel.Warning);
        // It warns that keys are stored unencrypted: they are, in a 0700 directory, by design.
        logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        // Above Information it only logs a failed start, which the caller reports in one line; and while
        // it is enabled at any level, ASP.NET Core starts an Activity and a log scope for every request,
        // a cost on each /auth/check and on each request the built-in proxy forwards.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
    }

    private static void ConfigureServices(IServiceCollection services, LoginServiceOptions options, string keysDirectory, string dataDirectory)
    {
        services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));

        services.AddAuthentication(SessionCookie.Scheme)
            .AddCookie(SessionCookie.Scheme, cookie => SessionCookie.Configure(cookie, options));

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = NginxAuthContract.AntiforgeryCookieName(options.CookieName);
            antiforgery.Cookie.Path = "/auth";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = SessionCookie.SecurePolicyFor(options.SecureCookie);
            antiforgery.FormFieldName = "__shlogin_af";
            antiforgery.HeaderName = null;
            antiforgery.SuppressXFrameOptionsHeader = true;
        });

        services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = 16;
            form.KeyLengthLimit = 64;
            form.ValueLengthLimit = (int)MaxRequestBodyBytes;
            form.BufferBodyLengthLimit = MaxRequestBodyBytes;
            form.MultipartBodyLengthLimit = MaxRequestBodyBytes;
        });

        services.AddSingleton(options);
        services.AddSingleton<ISessionStore>(_ => new FileSessionStore(Path.Combine(dataDirectory, SessionsFileName), options.TimeProvider));
        services.AddSingleton(provider => new CredentialVerifier(
            options, Path.Combine(dataDirectory, UsedTotpStepFile.FileName), provider.GetRequiredService<ILogger<CredentialVerifier>>()));
        services.AddSingleton(provider => SignInGuard.Create(provider.GetRequiredService<CredentialVerifier>(), options.TimeProvider));
        if (options.NginxGate is not null)
        {
            services.AddSingleton<NginxSessionMapPublisher>();
        }

        if (options.BuiltinProxy is { } proxy)
        {
            services.AddBuiltinProxy(proxy, options);
        }

        services.AddMetrics();
        services.AddSingleton<LoginMetrics>();
        services.AddSingleton(provider => new MetricsCollector(provider.GetRequiredService<LoginMetrics>()));
        services.AddSingleton<LoginEndpoint>();
        services.AddSingleton<LogoutEndpoint>();
    }
}
