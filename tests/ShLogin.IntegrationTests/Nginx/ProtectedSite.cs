using ShLogin.IntegrationTests.Infrastructure;
using ShLogin.Nginx;

namespace ShLogin.IntegrationTests.Nginx;

/// <summary>
/// A protected site: real nginx from the <c>sh-login start</c> config, in front of an auth stub and an app stub, all
/// inside one private temp directory. The client follows no redirects and keeps no cookies.
/// </summary>
public sealed class ProtectedSite : IAsyncDisposable
{
    private readonly TemporaryDirectory runtime;

    private ProtectedSite(TemporaryDirectory runtime, AuthServiceStub auth, AppStub app, NginxProcess nginx)
    {
        this.runtime = runtime;
        Auth = auth;
        App = app;
        Nginx = nginx;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = nginx.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public AuthServiceStub Auth { get; }

    public AppStub App { get; }

    public NginxProcess Nginx { get; }

    public HttpClient Client { get; }

    public static async Task<ProtectedSite> StartAsync(
        bool unixSockets = false,
        AppSecretHeader? appSecretHeader = null,
        bool checkWebSocketOrigin = false)
    {
        Requirements.Nginx();
        var runtime = new TemporaryDirectory();
        AuthServiceStub? auth = null;
        AppStub? app = null;
        try
        {
            auth = await AuthServiceStub.StartAsync(unixSockets ? Path.Combine(runtime.Path, "auth.sock") : null);
            app = await AppStub.StartAsync(unixSockets ? Path.Combine(runtime.Path, "app.sock") : null);
            var port = FreePort.Next();
            var site = new NginxSiteOptions
            {
                Listen = new ListenEndpoint("127.0.0.1", port),
                AuthUpstream = auth.Upstream,
                AppUpstream = app.Upstream,
                AppSecretHeader = appSecretHeader,
                CheckWebSocketOrigin = checkWebSocketOrigin,
            };
            var paths = new NginxRuntimePaths(runtime.Path);
            var config = NginxConfigRenderer.Render(site, paths, NginxWorkerUser.ForCurrentProcess(), NginxWorkerLimits.ForThisMachine());
            var nginx = await NginxProcess.StartAsync(paths, config, port);
            return new ProtectedSite(runtime, auth, app, nginx);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (auth is not null)
            {
                await auth.DisposeAsync();
            }

            runtime.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Nginx.DisposeAsync();
        await App.DisposeAsync();
        await Auth.DisposeAsync();
        runtime.Dispose();
    }
}
