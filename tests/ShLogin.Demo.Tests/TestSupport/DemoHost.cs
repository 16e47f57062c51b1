using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace ShLogin.Demo.Tests.TestSupport;

/// <summary>The real demo app on an in-process test server.</summary>
internal sealed class DemoHost : IAsyncDisposable
{
    private DemoHost(WebApplication app)
    {
        App = app;
    }

    public WebApplication App { get; }

    public TestServer Server => App.GetTestServer();

    public static async Task<DemoHost> StartAsync()
    {
        var app = DemoApp.Create([], builder => builder.WebHost.UseTestServer());
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new DemoHost(app);
    }

    public HttpClient Client() => App.GetTestClient();

    /// <summary>Sends a request built by hand, with headers and paths no HTTP client would send.</summary>
    public Task<HttpContext> SendAsync(Action<HttpContext> configure) =>
        Server.SendAsync(configure, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
