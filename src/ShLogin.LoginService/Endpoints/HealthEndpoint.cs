using Microsoft.AspNetCore.Http;

namespace ShLogin.LoginService.Endpoints;

/// <summary><c>GET /auth/healthz</c>: 200 "ok" once the service answers requests.</summary>
internal static class HealthEndpoint
{
    public const string Path = "/auth/healthz";

    public static Task HandleAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync("ok", context.RequestAborted);
    }
}
