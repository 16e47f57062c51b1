using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ShLogin.Nginx;

namespace ShLogin.Demo.Requests;

/// <summary>What the demo app shows of a request: its first line and its headers, credentials hidden.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">Path and query as received (raw, not decoded).</param>
/// <param name="Protocol">E.g. <c>HTTP/1.1</c>.</param>
/// <param name="User">The user ShLogin signed in (<see cref="NginxAuthContract.UserHeader"/>), or null.</param>
/// <param name="Headers">Every header in the order received; values of several lines joined by <c>", "</c>.</param>
internal sealed record ReceivedRequest(
    string Method,
    string Target,
    string Protocol,
    string? User,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>Takes what is shown from <paramref name="request"/>.</summary>
    public static ReceivedRequest From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var target = string.IsNullOrEmpty(rawTarget)
            ? request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent()
            : rawTarget;

        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count);
        foreach (var (name, values) in request.Headers)
        {
            headers.Add(new(name, HeaderRedaction.Shown(name, values)));
        }

        var user = request.Headers[NginxAuthContract.UserHeader].ToString();
        return new ReceivedRequest(
            request.Method,
            target,
            request.Protocol,
            string.IsNullOrEmpty(user) ? null : user,
            headers);
    }

    /// <summary>Whether <paramref name="name"/> is the header naming the signed-in user.</summary>
    public static bool IsUserHeader(string name) =>
        string.Equals(name, NginxAuthContract.UserHeader, StringComparison.OrdinalIgnoreCase);
}
