using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShLogin.Sockets;
using ShLogin.Vault.Format;
using ShLogin.Vault.Storage;
using ShLogin.Web.Hosting;

namespace ShLogin.Vault.Web;

/// <summary>
/// The vault's web view, the workload of <c>sh-login start --app otp</c>: every account's code
/// with a countdown, search, add (otpauth URI or QR image), remove with confirmation. It has no
/// login of its own: it listens on a 0600 unix socket in the stack's private directory, so only
/// nginx (after the login) reaches it.
/// </summary>
public static class OtpWebApp
{
    /// <summary>The largest request (a QR image upload).</summary>
    public const long MaxRequestBodyBytes = Transfer.QrImage.MaxFileBytes + (64 * 1024);

    /// <summary>Builds the app on a unix socket (<paramref name="socketPath"/>), or on what <paramref name="configure"/> sets up (tests).</summary>
    /// <exception cref="IOException">The socket path is taken.</exception>
    public static WebApplication Create(string? socketPath, VaultStore store, VaultKey key, TimeProvider time, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ApplicationName = "ShLogin.Vault.Web",
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        builder.Services.Configure<FormOptions>(form =>
        {
            form.MultipartBodyLengthLimit = MaxRequestBodyBytes;
            form.ValueCountLimit = 16;
        });
        if (socketPath is not null)
        {
            var directory = Path.GetDirectoryName(socketPath);
            if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
            {
                throw new IOException($"unix socket '{socketPath}': directory '{directory}' does not exist");
            }

            if (UnixSocketFile.ClearStale(socketPath) is { } inTheWay)
            {
                throw new IOException($"unix socket '{socketPath}': {inTheWay}");
            }

            builder.WebHost.UsePrivateUnixSocketsAndUrls(["http://unix:" + socketPath]);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapOtpPages(new OtpPageState(store, key, time));
        if (socketPath is not null)
        {
            app.Lifetime.ApplicationStopped.Register(() => UnixSocketFile.TryDelete(socketPath));
        }

        return app;
    }
}
