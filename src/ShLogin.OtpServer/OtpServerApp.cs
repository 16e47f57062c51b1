using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShLogin.OtpServer.Endpoints;
using ShLogin.OtpServer.RateLimiting;
using ShLogin.OtpServer.Verification;
using ShLogin.Sockets;
using ShLogin.Web.Hosting;

namespace ShLogin.OtpServer;

/// <summary>Builds the OTP server: <c>sh-login otp-server</c> hosts what this returns.</summary>
public static class OtpServerApp
{
    /// <summary>Kestrel's own limit, above the one <see cref="RequestFields"/> answers with a 400.</summary>
    private const long KestrelBodyLimit = 64 * 1024;

    /// <summary>The server listening on <paramref name="urls"/> (<c>http://127.0.0.1:PORT</c>, <c>http://unix:/path</c>, <c>http://ADDRESS:PORT</c>).</summary>
    public static WebApplication Create(OtpServerOptions options, IReadOnlyList<string> urls, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(urls);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "ShLogin.OtpServer" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = KestrelBodyLimit;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
        });

        var sockets = urls.Where(url => url.StartsWith("http://unix:", StringComparison.Ordinal)).Select(url => url["http://unix:".Length..]).ToList();
        foreach (var socket in sockets)
        {
            if (UnixSocketFile.ClearStale(socket) is { } inTheWay)
            {
                throw new OtpServerConfigurationException($"unix socket {socket}: {inTheWay} (accepted: a free path or a stale socket)");
            }
        }

        builder.WebHost.UsePrivateUnixSocketsAndUrls(urls);

        // Warnings and errors only; nothing logs tokens or bodies.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.Services.AddSingleton(options.Store);
        builder.Services.AddSingleton(options.Cipher);
        builder.Services.AddSingleton(options.Time);
        builder.Services.AddSingleton(new VerifyThrottle(new FailureBackoff(options.Time)));
        builder.Services.AddSingleton<OtpVerifier>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapOtpServer();
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            foreach (var socket in sockets)
            {
                UnixSocketFile.TryDelete(socket);
            }
        });
        return app;
    }
}
