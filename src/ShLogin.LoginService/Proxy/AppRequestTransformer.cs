using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ShLogin.Nginx;
using Yarp.ReverseProxy.Forwarder;

namespace ShLogin.LoginService.Proxy;

/// <summary>
/// What the app receives, as from nginx's site: the browser's request with <c>Host</c> as sent,
/// <c>X-Real-IP</c>, <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> set by the proxy, the
/// user in <c>X-ShLogin-User</c>, the app's secret header if any (replacing the browser's), and
/// the <c>Cookie</c> header without the login service's cookies.
/// </summary>
internal sealed class AppRequestTransformer(BuiltinProxyOptions options, IReadOnlyList<string> loginServiceCookies, string user) : HttpTransformer
{
    private const string ForwardedFor = "X-Forwarded-For";
    private const string ForwardedProto = "X-Forwarded-Proto";
    private const string ForwardedHost = "X-Forwarded-Host";

    /// <inheritdoc />
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(proxyRequest);
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

        var request = httpContext.Request;
        var headers = proxyRequest.Headers;
        if (request.Host.HasValue)
        {
            headers.Host = request.Host.Value;
        }

        headers.Remove(HeaderNames.Cookie);
        if (AppCookieFilter.Filter(request.Headers.Cookie, loginServiceCookies) is { } cookies)
        {
            headers.TryAddWithoutValidation(HeaderNames.Cookie, cookies);
        }

        var client = httpContext.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : string.Empty;
        Replace(headers, NginxAuthContract.RealIpHeader, client);
        Replace(headers, ForwardedFor, client);
        // The scheme of the browser's connection, as nginx's $scheme (not one a setting asserted).
        Replace(headers, ForwardedProto, httpContext.Features.Get<ITlsConnectionFeature>() is null ? "http" : "https");
        Replace(headers, ForwardedHost, request.Host.HasValue ? request.Host.Value : string.Empty);
        Replace(headers, NginxAuthContract.UserHeader, user);
        if (options.AppSecretHeader is { } secret)
        {
            Replace(headers, secret.Name, secret.Value);
        }
    }

    private static void Replace(HttpRequestHeaders headers, string name, string value)
    {
        headers.Remove(name);
        if (value.Length > 0)
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }

    private static class HeaderNames
    {
        public const string Cookie = "Cookie";
    }
}
