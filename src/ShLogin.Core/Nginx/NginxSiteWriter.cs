namespace ShLogin.Nginx;

/// <summary>
/// The one place that writes the site: the maps, the upstreams and the <c>server</c> with its
/// locations. Both the snippet for a user's own nginx and the full config of <c>sh-login start</c>
/// are built from this, so they cannot drift apart.
/// </summary>
internal static class NginxSiteWriter
{
    private const string AuthUpstreamName = "shlogin_auth";
    private const string AppUpstreamName = "shlogin_app";
    private const string ConnectionUpgradeVariable = "$shlogin_connection_upgrade";
    private const string OriginMismatchVariable = "$shlogin_websocket_origin_mismatch";
    private const string UserVariable = "$shlogin_user";
    private const string GateFileVariable = "$shlogin_gate_file";
    private const string GateKeyCapture = "shlogin_gate_key";
    private const string AppCookieVariable = "$shlogin_app_cookie";
    private const string CheckedAppLocation = "@shlogin_checked";

    // Any status nginx itself never sends: it only moves a request to the checked app location.
    private const string AskLoginServiceStatus = "418";

    private const string UnavailableLocation = "@shlogin_unavailable";
    // Idle connections nginx keeps open to each upstream. Fewer than the requests in flight means
    // nginx closes and reopens TCP connections to the app all the time under load (bench/run).
    private const int UpstreamKeepaliveConnections = 64;

    // How many times one of the login service's cookies may occur in a Cookie header and still be
    // removed (a browser sends a name twice when it holds it for two paths or domains). With more,
    // the app gets no cookies at all rather than one of them.
    private const int CookieRemovalPasses = 2;

    /// <summary>Writes the http-context part: maps, upstreams and the server block.</summary>
    public static void Write(NginxConfigWriter writer, NginxSiteOptions site)
    {
        ArgumentNullException.ThrowIfNull(site);
        WriteMaps(writer, site);
        writer.BlankLine();
        WriteUpstream(writer, AuthUpstreamName, site.AuthUpstream);
        writer.BlankLine();
        WriteUpstream(writer, AppUpstreamName, site.AppUpstream);
        writer.BlankLine();
        writer.Block("server", server => WriteServer(server, site));
    }

    private static void WriteMaps(NginxConfigWriter writer, NginxSiteOptions site)
    {
        // An empty Connection header keeps the upstream connection reusable for ordinary requests.
        writer.Block($"map $http_upgrade {ConnectionUpgradeVariable}", map => map
            .Directive("default", "upgrade")
            .Directive("''", "\"\""));

        if (site.SessionGate is { } gate)
        {
            // Only a cookie of exactly 32 lowercase hex digits names a file, so no cookie can reach
            // outside the directory; anything else names no file ("").
            NginxValue.EnsureSafe(gate.Directory, "The session gate directory");
            writer.BlankLine();
            writer.Comment("Sessions the login service lists: one file each, added and removed without reloading nginx.");
            writer
                .Block($"map $cookie_{gate.CookieName} {GateFileVariable}", map => map
                    .Directive("default", "\"\"")
                    .Directive($"\"~^(?<{GateKeyCapture}>[0-9a-f]{{{NginxSessionMap.KeyLength}}})$\"", $"\"{gate.Directory}/${GateKeyCapture}\""));
        }

        if (site.SessionCookieName is { } sessionCookie)
        {
            WriteCookieFilter(writer, NginxAuthContract.LoginServiceCookieNames(sessionCookie));
            NginxSignInRedirect.WriteMaps(writer, SessionCookieNames(site, sessionCookie));
        }

        if (!site.CheckWebSocketOrigin)
        {
            return;
        }

        // Key: "Upgrade|Origin|Host". Allowed: no upgrade, an upgrade without Origin (not a
        // browser), or an Origin whose host:port equals Host. Everything else is a mismatch.
        writer.BlankLine();
        writer.Block($"map \"$http_upgrade|$http_origin|$http_host\" {OriginMismatchVariable}", map => map
            .Directive("default", "1")
            .Directive("\"~^\\|\"", "0")
            .Directive("\"~^[^|]+\\|\\|\"", "0")
            .Directive("\"~*^[^|]+\\|https?://([^/|]+)\\|\\1$\"", "0"));
    }

    /// <summary>
    /// Maps <c>$http_cookie</c> to <see cref="AppCookieVariable"/>: the same header without the
    /// cookies in <paramref name="names"/>. nginx cannot replace all matches of a regex, so each map
    /// removes one occurrence of one name (the first pair, or a later one with its "; " before it),
    /// and a last map drops the whole header if a name is still there.
    /// </summary>
    private static void WriteCookieFilter(NginxConfigWriter writer, IReadOnlyList<string> names)
    {
        writer.BlankLine();
        writer.Comment("The login service's cookies are not the app's: they are removed from the Cookie header it receives.");
        var source = "$http_cookie";
        var step = 0;
        foreach (var name in names)
        {
            for (var pass = 0; pass < CookieRemovalPasses; pass++)
            {
                var target = $"{AppCookieVariable}_{++step}";
                writer.Block($"map {source} {target}", map => map
                    .Directive("default", source)
                    .Directive(QuotedRegex($@"^\s*{name}\s*=[^;]*(?:;\s*)?(.*)$"), "$1")
                    .Directive(QuotedRegex($@"^(.*?);\s*{name}\s*=[^;]*(.*)$"), "$1$2"));
                source = target;
            }
        }

        writer.Block($"map {source} {AppCookieVariable}", map => map
            .Directive("default", source)
            .Directive(QuotedRegex($@"(?:^|;)\s*(?:{string.Join('|', names)})\s*="), "\"\""));
    }

    // The cookies that make a request one the login service decides: the session cookie and the gate cookie.
    private static SortedSet<string> SessionCookieNames(NginxSiteOptions site, string sessionCookie)
    {
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase) { sessionCookie, NginxAuthContract.GateCookieName(sessionCookie) };
        if (site.SessionGate is { } gate)
        {
            names.Add(gate.CookieName);
        }

        return names;
    }

    // A case-insensitive map regex, as nginx and the login service match cookie names. Names are
    // letters, digits, '_' and '-' (see NginxSiteOptions.SessionCookieName): nothing to escape.
    private static string QuotedRegex(string pattern) => "\"~*" + pattern + "\"";

    private static void WriteUpstream(NginxConfigWriter writer, string name, Upstream upstream)
    {
        writer.Block($"upstream {name}", block => block
            .Directive("server", NginxValue.Quote(upstream.ToString(), "Upstream"))
            .Directive("keepalive", $"{UpstreamKeepaliveConnections}"));
    }

    private static void WriteServer(NginxConfigWriter server, NginxSiteOptions site)
    {
        server.Directive("listen", site.Listen.ToString());
        if (site.ServerName is not null)
        {
            server.Directive("server_name", site.ServerName.Split(' '));
        }

        server.Directive("server_tokens", "off");

        server.BlankLine();
        server.Comment("The login service: login page, logout and health, reachable without a session.");
        server.Block($"location {NginxAuthContract.PathPrefix}", location =>
        {
            // The one-click URL carries the token in its query: it must not land in an access log.
            location.Directive("access_log", "off");
            location.Directive("client_max_body_size", "64k");
            WriteLoginServiceProxy(location);
        });

        server.BlankLine();
        server.Comment("Asked by auth_request before every app request; browsers cannot reach it.");
        server.Block($"location = {NginxAuthContract.CheckPath}", location =>
        {
            location.Directive("internal");
            WriteLoginServiceProxy(location);
            WriteOriginalRequestHeaders(location);
        });

        server.BlankLine();
        server.Comment("No session: the login service answers 302 to the login page with the original URI encoded");
        server.Comment("as next (nginx cannot percent-encode).");
        server.Block($"location = {NginxAuthContract.SignInRedirectPath}", location =>
        {
            location.Directive("internal");
            WriteLoginServiceProxy(location);
            WriteOriginalRequestHeaders(location);
        });

        server.BlankLine();
        server.Comment("The login service is down or answered neither 2xx nor 401/403: fail closed.");
        server.Block($"location {UnavailableLocation}", location => location
            .Directive("default_type", "text/plain")
            .Directive("add_header", "Cache-Control", "no-store", "always")
            .Directive("return", "503", "\"The login service is unavailable; the app is not served.\\n\""));

        server.BlankLine();
        if (site.SessionGate is not { } gate)
        {
            server.Comment("The app: only for requests the login service allowed.");
            server.Block("location /", location =>
            {
                WriteOriginCheck(location, site);
                WriteCheckedAppProxy(location, site);
            });
            return;
        }

        server.Comment("The app. A listed session goes straight to it: one file test, no call to the login service.");
        server.Comment("Every other request is asked of the login service, exactly as without the list.");
        server.Block("location /", location =>
        {
            WriteOriginCheck(location, site);
            location
                .Directive("recursive_error_pages", "on")
                .Directive("error_page", AskLoginServiceStatus, "=", CheckedAppLocation)
                // A real stat on every request: an open_file_cache here would let a removed session
                // through for as long as it caches.
                .Block($"if (!-f {GateFileVariable})", block => block.Directive("return", AskLoginServiceStatus))
                .BlankLine();
            WriteAppAvailabilityCheck(location, site);
            WriteAppProxy(location, site, NginxValue.Quote(gate.User, "The gate user"));
        });

        server.BlankLine();
        server.Comment("The app for requests without a listed session: only if the login service allows them.");
        server.Block($"location {CheckedAppLocation}", location => WriteCheckedAppProxy(location, site));
    }

    private static void WriteOriginCheck(NginxConfigWriter location, NginxSiteOptions site)
    {
        if (site.CheckWebSocketOrigin)
        {
            location.Block($"if ({OriginMismatchVariable})", block => block.Directive("return", "403"));
        }
    }

    // The app behind auth_request. A request without any session cookie gets the login service's
    // answer from nginx, after the same availability check as before.
    private static void WriteCheckedAppProxy(NginxConfigWriter location, NginxSiteOptions site)
    {
        WriteAppAvailabilityCheck(location, site);
        if (site.SessionCookieName is not null)
        {
            NginxSignInRedirect.WriteRedirect(location);
        }

        WriteAuthRequest(location);
        WriteAppProxy(location, site, UserVariable);
    }

    private static void WriteAuthRequest(NginxConfigWriter location)
    {
        location
            .Directive("auth_request", NginxAuthContract.CheckPath)
            .Directive("auth_request_set", UserVariable, "$upstream_http_" + HeaderVariableSuffix(NginxAuthContract.UserHeader))
            .Directive("error_page", "401", "=", NginxAuthContract.SignInRedirectPath)
            .Directive("error_page", "500", "=", UnavailableLocation)
            .BlankLine();
    }

    private static void WriteAppAvailabilityCheck(NginxConfigWriter location, NginxSiteOptions site)
    {
        if (site.AppAvailableFile is { } available)
        {
            // Whoever listens on a loopback port while the app is away must not get its requests.
            location
                .Block($"if (!-f {NginxValue.Quote(available, "The app availability file path")})", block => block.Directive("return", "503"))
                .BlankLine();
        }
    }

    private static void WriteAppProxy(NginxConfigWriter location, NginxSiteOptions site, string userVariable)
    {
        location
            .Directive("proxy_pass", $"http://{AppUpstreamName}")
            .Directive("proxy_http_version", "1.1")
            .Directive("proxy_set_header", "Host", "$http_host")
            .Directive("proxy_set_header", "Upgrade", "$http_upgrade")
            .Directive("proxy_set_header", "Connection", ConnectionUpgradeVariable);
        if (site.SessionCookieName is not null)
        {
            location.Directive("proxy_set_header", "Cookie", AppCookieVariable);
        }

        WriteForwardedHeaders(location);

        // Replaces whatever a browser sent under this name; empty when the login service named no user.
        location.Directive("proxy_set_header", NginxAuthContract.UserHeader, userVariable);
        if (site.AppSecretHeader is { } secret)
        {
            location.Directive("proxy_set_header", secret.Name, NginxValue.Quote(secret.Value, "The app secret header value"));
        }

        location
            .Directive("client_max_body_size", "0")
            .Directive("proxy_buffering", "off")
            .Directive("proxy_request_buffering", "off")
            .Directive("proxy_read_timeout", "1d")
            .Directive("proxy_send_timeout", "1d");
    }

    private static void WriteLoginServiceProxy(NginxConfigWriter location)
    {
        location
            .Directive("proxy_pass", $"http://{AuthUpstreamName}")
            .Directive("proxy_http_version", "1.1")
            .Directive("proxy_set_header", "Connection", "\"\"")
            .Directive("proxy_set_header", "Host", "$http_host");
        WriteForwardedHeaders(location);

        // The login service never takes a user name from a request.
        location.Directive("proxy_set_header", NginxAuthContract.UserHeader, "\"\"");
    }

    private static void WriteOriginalRequestHeaders(NginxConfigWriter location)
    {
        location
            .Directive("proxy_pass_request_body", "off")
            .Directive("proxy_set_header", "Content-Length", "\"\"")
            .Directive("proxy_set_header", NginxAuthContract.OriginalUriHeader, "$request_uri");
    }

    private static void WriteForwardedHeaders(NginxConfigWriter location)
    {
        location
            .Directive("proxy_set_header", NginxAuthContract.RealIpHeader, "$remote_addr")
            .Directive("proxy_set_header", "X-Forwarded-For", "$proxy_add_x_forwarded_for")
            .Directive("proxy_set_header", "X-Forwarded-Proto", "$scheme")
            .Directive("proxy_set_header", "X-Forwarded-Host", "$http_host");
    }

    private static string HeaderVariableSuffix(string header) =>
        header.ToLowerInvariant().Replace('-', '_');
}
