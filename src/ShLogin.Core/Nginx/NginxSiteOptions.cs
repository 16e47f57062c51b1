using System.Text.RegularExpressions;

namespace ShLogin.Nginx;

/// <summary>
/// Everything that shapes the nginx <c>server</c> in front of an app: where it listens, the login
/// service that decides each request, and the app it protects.
/// </summary>
public sealed partial record NginxSiteOptions
{
    /// <summary>Where browsers connect.</summary>
    public required ListenEndpoint Listen { get; init; }

    /// <summary>
    /// nginx <c>server_name</c>: one or more space-separated names such as <c>jupyter.example.org</c>
    /// or <c>*.example.org</c>; null leaves it out (the server answers any host on its port).
    /// </summary>
    public string? ServerName
    {
        get;
        init => field = value is null ? null : ValidateServerName(value);
    }

    /// <summary>The login service (the <c>/auth/</c> endpoints).</summary>
    public required Upstream AuthUpstream { get; init; }

    /// <summary>The protected app.</summary>
    public required Upstream AppUpstream { get; init; }

    /// <summary>
    /// A file that must exist for nginx to forward a request to the app; without it nginx answers
    /// 503 and connects to nothing. nginx looks for it on every request (one stat), so removing it
    /// takes effect at once, without a reload: the way to stop forwarding to a loopback port the
    /// moment the app exits, before anyone else can take the port over. Null forwards always.
    /// </summary>
    public string? AppAvailableFile { get; init; }

    /// <summary>An internal secret nginx sends to the app (for apps on a loopback port); null for none.</summary>
    public AppSecretHeader? AppSecretHeader { get; init; }

    /// <summary>
    /// Refuse (403) a WebSocket upgrade whose <c>Origin</c> is not the site's own, that is whose
    /// <c>host:port</c> is not the <c>Host</c> the browser asked for. On by default: a page on any
    /// other port of the same host is "same-site" to the browser and sends the session cookie along
    /// (SameSite=Lax does not stop it), so only the Origin tells a cross-site WebSocket apart.
    /// </summary>
    public bool CheckWebSocketOrigin { get; init; } = true;

    /// <summary>
    /// The login service's session cookie. Its cookies (see <see cref="NginxAuthContract.LoginServiceCookieNames"/>)
    /// are removed from the <c>Cookie</c> header the app receives; the app's own cookies pass
    /// unchanged and in order. Null passes the browser's <c>Cookie</c> header as it is.
    /// </summary>
    public string? SessionCookieName
    {
        get;
        init => field = value is null ? null : ValidateCookieName(value);
    } = NginxAuthContract.DefaultSessionCookieName;

    /// <summary>
    /// nginx's own list of valid sessions, kept up to date by the login service; null asks the
    /// login service about every app request (the snippet for a self-run nginx does).
    /// </summary>
    public NginxSessionGate? SessionGate { get; init; }

    private static string ValidateServerName(string value)
    {
        var names = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0 || names.Any(name => !ServerNamePattern().IsMatch(name)))
        {
            throw new ArgumentException(
                $"{Printable.Of(value)} is not a valid server name: use host names such as example.org or *.example.org, separated by spaces.");
        }

        return string.Join(' ', names);
    }

    private static string ValidateCookieName(string value)
    {
        if (!CookieNamePattern().IsMatch(value))
        {
            throw new ArgumentException(
                $"{Printable.Of(value)} is not a valid session cookie name: use 1 to 64 letters, digits, '_' or '-'.");
        }

        return value;
    }

    // Only characters that mean nothing in a regular expression: the name is written into nginx's regexes.
    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex CookieNamePattern();

    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*(\.\*)?\z")]
    private static partial Regex ServerNamePattern();
}
