using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ShLogin.Demo.Endpoints;

/// <summary>
/// The demo app's endpoints. Handlers are plain request delegates: no parameter binding to
/// generate at start-up, so the app answers quickly.
/// </summary>
internal static class DemoEndpoints
{
    public static IEndpointRouteBuilder MapDemo(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(DemoPaths.Health, [HttpMethods.Get, HttpMethods.Head], HealthAsync);
        endpoints.Map(DemoPaths.WebSocket, WebSocketEcho.HandleAsync);
        endpoints.Map(DemoPaths.RequestApi, RequestJson.WriteAsync);

        // Any other path shows the page, so a deep link kept across the login shows where it led.
        endpoints.Map("/{**path}", RequestPage.WriteAsync);
        return endpoints;
    }

    private static Task HealthAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync("ok\n", context.RequestAborted);
    }
}
