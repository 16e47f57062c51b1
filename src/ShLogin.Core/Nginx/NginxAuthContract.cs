namespace ShLogin.Nginx;

/// <summary>
/// The paths and headers the generated nginx config and the login service agree on.
/// </summary>
public static class NginxAuthContract
{
    /// <summary>Every login service path starts with this; nginx forwards it without asking for a session.</summary>
    public const string PathPrefix = "/auth/";

    /// <summary>
    /// <c>GET</c>, asked by nginx's <c>auth_request</c> before every app request (internal: browsers get 404):
    /// 2xx allows the request, 401 sends the browser to sign in, 403 refuses it, anything else fails closed.
    /// </summary>
    public const string CheckPath = "/auth/check";

    /// <summary>
    /// <c>GET</c> or <c>HEAD</c>, asked by nginx (internal: browsers get 404) when <see cref="CheckPath"/> said 401.
    /// The login service answers <c>302</c> with <c>Location: /auth/login?next=</c> followed by the
    /// percent-encoded <see cref="OriginalUriHeader"/>, since nginx itself cannot encode a URL.
    /// </summary>
    public const string SignInRedirectPath = "/auth/signin-redirect";

    /// <summary>The login page.</summary>
    public const string LoginPath = "/auth/login";

    /// <summary>
    /// The login service's metrics in the Prometheus text format, through the public
    /// <see cref="PathPrefix"/> location: the service answers them only to a signed-in session (401 otherwise).
    /// </summary>
    public const string MetricsPath = "/auth/metrics";

    /// <summary>Request header on <see cref="CheckPath"/> and <see cref="SignInRedirectPath"/>: the browser's request target, raw (path and query as sent).</summary>
    public const string OriginalUriHeader = "X-Original-URI";

    /// <summary>Optional response header of <see cref="CheckPath"/>; nginx passes it to the app, and drops any value a browser sent.</summary>
    public const string UserHeader = "X-ShLogin-User";

    /// <summary>Request header set by nginx to the connecting client's address; the only one to trust for rate limits.</summary>
    public const string RealIpHeader = "X-Real-IP";

    /// <summary>The session cookie's name when nothing else names it (<c>sh-login serve</c> without <c>--cookie-name</c>).</summary>
    public const string DefaultSessionCookieName = "shlogin_session";

    /// <summary>
    /// Added to the session cookie's name to name the gate cookie nginx looks up in its list of
    /// sessions (see <see cref="NginxSessionGate"/>): a browser whose gate cookie is listed reaches the app
    /// without a call to <see cref="CheckPath"/>. Its value is the session's
    /// <see cref="NginxSessionMap.KeyLength"/>-hex-digit key.
    /// </summary>
    public const string GateCookieSuffix = "_gate";

    /// <summary>The gate cookie's name for a session cookie named <paramref name="sessionCookieName"/>.</summary>
    public static string GateCookieName(string sessionCookieName) => sessionCookieName + GateCookieSuffix;

    /// <summary>
    /// The antiforgery cookie's name for a session cookie named <paramref name="sessionCookieName"/>:
    /// without the <c>__Host-</c> or <c>__Secure-</c> prefix, since those demand path <c>/</c> and the
    /// antiforgery cookie is scoped to <see cref="PathPrefix"/>.
    /// </summary>
    public static string AntiforgeryCookieName(string sessionCookieName)
    {
        ArgumentNullException.ThrowIfNull(sessionCookieName);
        return sessionCookieName.Replace("__Host-", "", StringComparison.Ordinal).Replace("__Secure-", "", StringComparison.Ordinal) + "_af";
    }

    /// <summary>
    /// Every cookie of the login service for a session cookie named <paramref name="sessionCookieName"/>:
    /// the session cookie, the gate cookie and the antiforgery cookie. None of them is meant for the app.
    /// </summary>
    public static IReadOnlyList<string> LoginServiceCookieNames(string sessionCookieName) =>
        [sessionCookieName, GateCookieName(sessionCookieName), AntiforgeryCookieName(sessionCookieName)];
}
