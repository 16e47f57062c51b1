using Microsoft.AspNetCore.Http;
using ShLogin.Nginx;

namespace ShLogin.LoginService.Proxy;

/// <summary>
/// Headers only a proxy may set. With the built-in proxy the browser connects to the login service
/// directly, so whatever it sends under these names is removed before anything reads them: the
/// login service's rate limits and scheme, and the app, see only what the proxy itself sets.
/// </summary>
internal static class ClientForwardedHeaders
{
    private static readonly string[] Names =
    [
        NginxAuthContract.RealIpHeader, "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
        "X-Forwarded-Port", "X-Forwarded-Prefix", "Forwarded", NginxAuthContract.OriginalUriHeader, NginxAuthContract.UserHeader,
    ];

    /// <summary>Removes them from <paramref name="request"/>.</summary>
    public static void Remove(HttpRequest request)
    {
        var headers = request.Headers;
        foreach (var name in Names)
        {
            headers.Remove(name);
        }
    }
}
