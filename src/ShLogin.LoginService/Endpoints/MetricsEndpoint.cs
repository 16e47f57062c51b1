using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ShLogin.LoginService.Sessions;
using ShLogin.LoginService.Telemetry;
using ShLogin.Nginx;

namespace ShLogin.LoginService.Endpoints;

/// <summary>
/// <c>GET /auth/metrics</c>: the login service's metrics in the Prometheus text format, for a
/// signed-in browser (or a scraper holding a session cookie) only. Without a valid session:
/// <c>401</c> and no body, never a redirect, as <c>/auth/check</c> answers.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = NginxAuthContract.MetricsPath;

    public static async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        if (await SessionCookie.CurrentSessionIdAsync(context) is null)
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var text = context.RequestServices.GetRequiredService<MetricsCollector>().Render();
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = MetricsCollector.ContentType;
        response.Headers.XContentTypeOptions = "nosniff";
        await response.WriteAsync(text, context.RequestAborted);
    }
}
