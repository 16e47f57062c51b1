using System.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ShLogin.Configuration;
using ShLogin.LoginService.Sessions;
using ShLogin.LoginService.Telemetry;
using ShLogin.Nginx;

namespace ShLogin.LoginService.Endpoints;

/// <summary>
/// <c>GET /auth/check</c>, asked by nginx's <c>auth_request</c> before every app request:
/// 204 with the user in <c>X-ShLogin-User</c> for a valid session, 401 otherwise, never a
/// redirect. One cookie decryption and one dictionary lookup; no page, no antiforgery, no logging.
/// </summary>
internal static class CheckEndpoint
{
    public const string Path = NginxAuthContract.CheckPath;

    public static async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var metrics = context.RequestServices.GetRequiredService<LoginMetrics>();
        var result = await context.AuthenticateAsync(SessionCookie.Scheme);
        if (!result.Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            metrics.Checked(allowed: false, started);
            return;
        }

        var options = context.RequestServices.GetRequiredService<LoginServiceOptions>();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        context.Response.Headers[NginxAuthContract.UserHeader] = SessionUser.NameFor(options.Mode);
        metrics.Checked(allowed: true, started);
    }
}
