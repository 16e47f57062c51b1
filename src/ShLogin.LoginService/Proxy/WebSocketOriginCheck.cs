using Microsoft.AspNetCore.Http;

namespace ShLogin.LoginService.Proxy;

/// <summary>
/// nginx's Origin check on upgrades, the same rule: a request with an <c>Upgrade</c> header and an
/// <c>Origin</c> is refused unless the Origin is <c>http(s)://</c> plus exactly the <c>Host</c> the
/// browser sent (ignoring case). A page on another port of this host is same-site to the browser
/// and would otherwise open a WebSocket with the user's session.
/// </summary>
internal static class WebSocketOriginCheck
{
    /// <summary>True when the request must be answered 403.</summary>
    public static bool IsRefused(HttpRequest request)
    {
        var headers = request.Headers;
        var upgrade = headers.Upgrade.ToString();
        if (upgrade.Length == 0)
        {
            return false;
        }

        var origin = headers.Origin;
        if (origin.Count == 0 || (origin.Count == 1 && string.IsNullOrEmpty(origin[0])))
        {
            return false;
        }

        if (origin.Count != 1 || headers.Host.Count != 1)
        {
            return true;
        }

        var host = headers.Host[0];
        var value = origin[0]!;
        var authority = value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? value[7..]
            : value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? value[8..]
            : null;
        return authority is null || authority.Length == 0 || authority.Contains('/', StringComparison.Ordinal)
            || !string.Equals(authority, host, StringComparison.OrdinalIgnoreCase);
    }
}
