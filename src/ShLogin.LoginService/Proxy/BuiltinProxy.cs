using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using ShLogin.Configuration;
using ShLogin.LoginService.Endpoints;
using ShLogin.LoginService.Telemetry;
using ShLogin.Nginx;
using Yarp.ReverseProxy.Forwarder;

namespace ShLogin.LoginService.Proxy;

/// <summary>
/// The built-in proxy, in the order nginx's site decides a request: paths under <c>/auth/</c> are
/// the login service's own; for every other path, a cross-site WebSocket upgrade is refused
/// (403), an app that is away is not forwarded to (503), a request without a valid session is sent
/// to the login page (302 with <c>next</c>, as <c>/auth/signin-redirect</c> answers), and
/// everything else goes to the app through YARP's forwarder: HTTP, streaming, WebSockets and
/// uploads of any size. The session is checked in this process on every request, so a logout
/// takes effect at once.
/// </summary>
internal static class BuiltinProxy
{
    // As nginx's proxy_read_timeout and proxy_send_timeout: a quiet WebSocket or long poll stays open.
    private static readonly ForwarderRequestConfig RequestConfig = new()
    {
        ActivityTimeout = TimeSpan.FromDays(1),
        Version = new Version(1, 1),
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    /// <summary>The forwarder and what it sends through.</summary>
    public static IServiceCollection AddBuiltinProxy(this IServiceCollection services, BuiltinProxyOptions proxy, LoginServiceOptions options)
    {
        services.AddHttpForwarder();
        services.AddSingleton(proxy);
        services.AddSingleton<SessionCheckCache>();
        services.AddSingleton(new AppRequestTransformer(proxy, NginxAuthContract.LoginServiceCookieNames(options.CookieName), SessionUser.NameFor(options.Mode)));
        return services;
    }

    /// <summary>
    /// Removes the headers only a proxy may set from every request, before anything reads them:
    /// with the built-in proxy, every connection to the public port is a browser's.
    /// </summary>
    public static IApplicationBuilder UseClientHeaderCleanup(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            ClientForwardedHeaders.Remove(context.Request);
            return next(context);
        });

    /// <summary>The proxy itself; runs before authentication (it checks app requests itself) and the login service's endpoints.</summary>
    public static IApplicationBuilder UseBuiltinProxy(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        var proxy = services.GetRequiredService<BuiltinProxyOptions>();
        var forwarder = services.GetRequiredService<IHttpForwarder>();
        var transformer = services.GetRequiredService<AppRequestTransformer>();
        var metrics = services.GetRequiredService<LoginMetrics>();
        var sessions = services.GetRequiredService<SessionCheckCache>();
        var invoker = AppHttpClient.Create(proxy.App);
        var destination = AppHttpClient.DestinationPrefix(proxy.App);
        return app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.HasValue && path.Value.StartsWith(NginxAuthContract.PathPrefix, StringComparison.Ordinal))
            {
                // nginx's internal locations: no proxy asks them here, and browsers never could.
                if (path.Equals(CheckEndpoint.Path, StringComparison.Ordinal) || path.Equals(SignInRedirectEndpoint.Path, StringComparison.Ordinal))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                // Refused before anything reads it, as nginx refuses a body over its limit for /auth/.
                if (context.Request.ContentLength > LoginServiceApp.MaxRequestBodyBytes)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }

                await next(context);
                return;
            }

            if (WebSocketOriginCheck.IsRefused(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            if (proxy.AppAvailableFile is { } available && !File.Exists(available))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            var started = Stopwatch.GetTimestamp();
            if (!await sessions.IsSignedInAsync(context))
            {
                metrics.Checked(allowed: false, started);
                RedirectToSignIn(context, metrics);
                return;
            }

            metrics.Checked(allowed: true, started);

            // The login service's own limit is for its forms; the app takes what nginx would pass (anything).
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            {
                bodySize.MaxRequestBodySize = null;
            }

            await forwarder.SendAsync(context, destination, invoker, RequestConfig, transformer);
        });
    }

    private static void RedirectToSignIn(HttpContext context, LoginMetrics metrics)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status302Found;
        Security.SecurityHeaders.ApplyToRedirect(response);
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();
        response.Headers.Location = SignInRedirectEndpoint.LocationFor(target);
        metrics.SignInRedirected();
    }
}
