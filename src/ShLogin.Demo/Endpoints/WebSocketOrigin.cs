using Microsoft.Extensions.Primitives;

namespace ShLogin.Demo.Endpoints;

/// <summary>
/// Refuses cross-site WebSockets: a browser always sends <c>Origin</c>, and it must name the host
/// the browser asked for (nginx passes it on in <c>Host</c>). Clients without <c>Origin</c> are not
/// browsers and cannot be tricked into sending someone's cookie.
/// </summary>
internal static class WebSocketOrigin
{
    public static bool IsAllowed(StringValues origin, StringValues host)
    {
        if (origin.Count == 0 || (origin.Count == 1 && string.IsNullOrEmpty(origin[0])))
        {
            return true;
        }

        if (origin.Count != 1 || host.Count != 1 || string.IsNullOrEmpty(host[0]))
        {
            return false;
        }

        var value = origin[0]!;
        var authority = value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? value["http://".Length..]
            : value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? value["https://".Length..]
            : null;
        return authority is { Length: > 0 }
            && !authority.Any(c => c is '/' or '\\' or '@' or '?' or '#' || char.IsWhiteSpace(c) || char.IsControl(c))
            && string.Equals(authority, host[0], StringComparison.OrdinalIgnoreCase);
    }
}
