using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShLogin.Nginx;

namespace ShLogin.IntegrationTests.Infrastructure;

/// <summary>A small Kestrel app hosted inside a test, on a random loopback port or a unix socket.</summary>
public sealed class LoopbackWebServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private bool stopped;

    private LoopbackWebServer(WebApplication app, Upstream upstream)
    {
        this.app = app;
        Upstream = upstream;
    }

    /// <summary>Where nginx reaches it.</summary>
    public Upstream Upstream { get; }

    /// <summary>Starts the app with the endpoints <paramref name="map"/> adds.</summary>
    /// <param name="map">Adds middleware and endpoints.</param>
    /// <param name="unixSocketPath">Listen on this unix socket instead of a loopback port.</param>
    public static async Task<LoopbackWebServer> StartAsync(Action<WebApplication> map, string? unixSocketPath = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(unixSocketPath is null ? "http://127.0.0.1:0" : $"http://unix:{unixSocketPath}");
        var app = builder.Build();
        map(app);
        await app.StartAsync();

        Upstream upstream;
        if (unixSocketPath is null)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            upstream = Upstream.Tcp("127.0.0.1", new Uri(address).Port);
        }
        else
        {
            upstream = Upstream.UnixSocket(unixSocketPath);
        }

        return new LoopbackWebServer(app, upstream);
    }

    /// <summary>Stops answering (connections are refused from now on).</summary>
    public async Task StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            await app.StopAsync();
        }
    }

    /// <summary>Stops and releases the app.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
    }
}
