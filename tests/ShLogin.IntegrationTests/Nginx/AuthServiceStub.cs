using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ShLogin.IntegrationTests.Infrastructure;
using ShLogin.Nginx;

namespace ShLogin.IntegrationTests.Nginx;

/// <summary>
/// Stands in for the login service: <c>/auth/check</c> answers whatever status the test sets,
/// <c>/auth/signin-redirect</c> follows the contract in <see cref="NginxAuthContract"/>, and every
/// other <c>/auth/</c> path answers 200 with a marker.
/// </summary>
public sealed class AuthServiceStub : IAsyncDisposable
{
    public const string LoginPageMarker = "stub login page";

    private LoopbackWebServer? server;

    public int CheckStatus { get; set; } = StatusCodes.Status401Unauthorized;

    /// <summary>When set, a successful check names this user in <c>X-ShLogin-User</c>.</summary>
    public string? CheckUser { get; set; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Upstream Upstream => Server.Upstream;

    private LoopbackWebServer Server => server ?? throw new InvalidOperationException("Not started.");

    public static async Task<AuthServiceStub> StartAsync(string? unixSocketPath = null)
    {
        var stub = new AuthServiceStub();
        stub.server = await LoopbackWebServer.StartAsync(stub.Map, unixSocketPath);
        return stub;
    }

    public IEnumerable<RecordedRequest> RequestsTo(string path) =>
        Requests.Where(r => r.RawTarget == path || r.RawTarget.StartsWith(path + "?", StringComparison.Ordinal));

    public Task StopAsync() => Server.StopAsync();

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Requests.Enqueue(RecordedRequest.From(context));
            await next(context);
        });

        app.MapGet(NginxAuthContract.CheckPath, (HttpContext context) =>
        {
            var status = CheckStatus;
            if (status is >= 200 and < 300 && CheckUser is not null)
            {
                context.Response.Headers[NginxAuthContract.UserHeader] = CheckUser;
            }

            if (status is >= 300 and < 400)
            {
                context.Response.Headers.Location = "/elsewhere";
            }

            context.Response.StatusCode = status;
            return context.Response.WriteAsync("check body that must not reach the browser");
        });

        app.MapMethods(NginxAuthContract.SignInRedirectPath, ["GET", "HEAD"], (HttpContext context) =>
        {
            var original = context.Request.Headers[NginxAuthContract.OriginalUriHeader].ToString();
            var next = original.StartsWith('/') && !original.StartsWith("//", StringComparison.Ordinal) ? original : "/";
            context.Response.Headers.CacheControl = "no-store";
            return Results.Redirect($"{NginxAuthContract.LoginPath}?next={Uri.EscapeDataString(next)}");
        });

        app.Map("/auth/{**rest}", () => Results.Text(LoginPageMarker));
    }
}
