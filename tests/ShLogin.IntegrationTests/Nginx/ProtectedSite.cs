using ShLogin.IntegrationTests.Infrastructure;
using ShLogin.Nginx;

namespace ShLogin.IntegrationTests.Nginx;

/// <summary>
/// A protected site: real nginx from the <c>sh-login start</c> config, in front of an auth stub and an app stub, all
/// inside one private temp directory. The clients follow no redirects and keep no cookies; <see cref="Client"/>
/// sends a session cookie (which the stub judges by <see cref="AuthServiceStub.CheckStatus"/>) unless the
/// request names its own cookies, <see cref="AnonymousClient"/> none, so nginx answers it without the stub.
/// </summary>
public sealed class ProtectedSite : IAsyncDisposable
{
    /// <summary>The session cookie <see cref="Client"/> sends; only its presence matters to nginx.</summary>
    public const string SessionCookie = "shlogin_session=stub-session";

    private readonly TemporaryDirectory runtime;

    private ProtectedSite(TemporaryDirectory runtime, AuthServiceStub auth, AppStub app, NginxProcess nginx)
    {
        this.runtime = runtime;
        Auth = auth;
        App = app;
        Nginx = nginx;
        Client = new HttpClient(new SessionCookieHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }))
        {
            BaseAddress = nginx.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        AnonymousClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = nginx.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public AuthServiceStub Auth { get; }

    public AppStub App { get; }

    public NginxProcess Nginx { get; }

    /// <summary>A browser with a session cookie.</summary>
    public HttpClient Client { get; }

    /// <summary>A browser without any cookie.</summary>
    public HttpClient AnonymousClient { get; }

    /// <summary>A WebSocket client that sends <see cref="SessionCookie"/>.</summary>
    public static System.Net.WebSockets.ClientWebSocket NewWebSocket()
    {
        var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", SessionCookie);
        return socket;
    }

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
        AnonymousClient.Dispose();
        await Nginx.DisposeAsync();
        await App.DisposeAsync();
        await Auth.DisposeAsync();
        runtime.Dispose();
    }

    private sealed class SessionCookieHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.Headers.Contains("Cookie"))
            {
                request.Headers.TryAddWithoutValidation("Cookie", SessionCookie);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
