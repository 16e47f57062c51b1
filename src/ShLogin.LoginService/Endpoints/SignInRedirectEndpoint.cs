using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using ShLogin.LoginService.Security;
using ShLogin.LoginService.Telemetry;
using ShLogin.Nginx;

namespace ShLogin.LoginService.Endpoints;

/// <summary>
/// <c>GET</c>/<c>HEAD /auth/signin-redirect</c>, asked by nginx (an internal location) when
/// <c>/auth/check</c> said 401: a <c>302</c> to the login page that carries the browser's original
/// request target, percent-encoded, as <c>next</c>. nginx cannot encode a URL itself.
/// </summary>
/// <remarks>
/// The original target comes from <c>X-Original-URI</c> (nginx's <c>$request_uri</c>). Whatever is
/// not a safe same-site path (see <see cref="NextPath"/>) becomes <c>/</c>, so the header cannot
/// steer a browser to another site, even if something other than nginx sends it.
/// </remarks>
internal static class SignInRedirectEndpoint
{
    public const string Path = NginxAuthContract.SignInRedirectPath;

    public static Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status302Found;
        SecurityHeaders.ApplyToRedirect(response);
        response.Headers.Location = LocationFor(context.Request.Headers[NginxAuthContract.OriginalUriHeader]);
        // Counted when the service's metrics are there (a bare HttpContext, as in unit tests, has none).
        if (context.RequestServices?.GetService<LoginMetrics>() is { } metrics)
        {
            metrics.SignInRedirected();
        }
        return Task.CompletedTask;
    }

    /// <summary>The login page URL for the original request target; a missing, repeated or unsafe one means <c>/</c>.</summary>
    public static string LocationFor(StringValues originalUri)
    {
        var next = originalUri.Count == 1 ? NextPath.Sanitize(originalUri[0]) : NextPath.Fallback;
        return $"{NginxAuthContract.LoginPath}?next={Uri.EscapeDataString(next)}";
    }
}
