using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class NginxSnippetRendererTests
{
    private static readonly NginxSiteOptions Site = new()
    {
        Listen = ListenEndpoint.Parse("127.0.0.1:8080"),
        AuthUpstream = Upstream.Parse("127.0.0.1:9090"),
        AppUpstream = Upstream.Parse("unix:/tmp/shlogin.test/app.sock"),
    };

    [Fact]
    public void Is_http_context_text_without_main_context_directives()
    {
        var snippet = NginxConfigTree.Parse(NginxSnippetRenderer.Render(Site));

        var names = snippet.Block!.Select(directive => directive.Name).Distinct().ToList();
        Assert.Equal(["map", "upstream", "server"], names);
        Assert.DoesNotContain(snippet.Descendants(), directive =>
            directive.Name is "user" or "pid" or "daemon" or "events" or "http" or "error_log" or "include");
    }

    [Fact]
    public void Defines_the_websocket_connection_map_once_under_its_own_name()
    {
        var snippet = NginxConfigTree.Parse(NginxSnippetRenderer.Render(Site));

        var map = snippet.Single("map", "$http_upgrade", "$shlogin_connection_upgrade");
        map.Single("default", "upgrade");
        map.Single("", "");
    }

    [Fact]
    public void Upstreams_keep_connections_to_the_login_service()
    {
        var snippet = NginxConfigTree.Parse(NginxSnippetRenderer.Render(Site));

        var auth = snippet.Single("upstream", "shlogin_auth");
        auth.Single("server", "127.0.0.1:9090");
        auth.Single("keepalive", "64");
        snippet.Single("upstream", "shlogin_app").Single("server", "unix:/tmp/shlogin.test/app.sock");
    }

    [Fact]
    public void Server_listens_where_asked_and_names_itself_only_when_asked()
    {
        var plain = Server(Site);
        var named = Server(Site with { ServerName = "jupyter.example.org", Listen = ListenEndpoint.Parse("[::]:443") });

        plain.Single("listen", "127.0.0.1:8080");
        Assert.Empty(plain.Children("server_name"));
        named.Single("listen", "[::]:443");
        named.Single("server_name", "jupyter.example.org");
    }

    [Fact]
    public void Login_service_locations_forward_client_identity_and_strip_the_user_header()
    {
        var server = Server(Site);

        foreach (var location in new[] { server.Single("location", "/auth/"), Location(server, "/auth/check"), Location(server, "/auth/signin-redirect") })
        {
            location.Single("proxy_pass", "http://shlogin_auth");
            location.Single("proxy_set_header", "X-Real-IP", "$remote_addr");
            location.Single("proxy_set_header", "X-Forwarded-Proto", "$scheme");
            location.Single("proxy_set_header", "X-Forwarded-Host", "$http_host");
            location.Single("proxy_set_header", "Host", "$http_host");
            location.Single("proxy_set_header", "X-ShLogin-User", "");
            location.Single("proxy_set_header", "Connection", "");
            location.Single("proxy_http_version", "1.1");
        }
    }

    [Fact]
    public void Check_and_sign_in_redirect_are_internal_and_carry_the_original_uri_without_body()
    {
        var server = Server(Site);

        foreach (var path in new[] { "/auth/check", "/auth/signin-redirect" })
        {
            var location = Location(server, path);
            location.Single("internal");
            location.Single("proxy_pass_request_body", "off");
            location.Single("proxy_set_header", "Content-Length", "");
            location.Single("proxy_set_header", "X-Original-URI", "$request_uri");
        }

        Assert.Empty(server.Single("location", "/auth/").Children("internal"));
    }

    [Fact]
    public void Metrics_reach_the_login_service_through_the_public_auth_location()
    {
        // The login service itself refuses /auth/metrics without a session; nginx only forwards it.
        var server = Server(Site);
        var locations = server.Children("location").ToList();

        Assert.StartsWith(NginxAuthContract.PathPrefix, NginxAuthContract.MetricsPath, StringComparison.Ordinal);
        Assert.DoesNotContain(locations, location => location.Arguments.Contains(NginxAuthContract.MetricsPath));
        var auth = server.Single("location", NginxAuthContract.PathPrefix);
        Assert.Empty(auth.Children("internal"));
        auth.Single("proxy_pass", "http://shlogin_auth");
    }

    [Fact]
    public void App_location_asks_the_login_service_and_fails_closed()
    {
        var server = Server(Site);
        var app = server.Single("location", "/");

        app.Single("auth_request", "/auth/check");
        app.Single("auth_request_set", "$shlogin_user", "$upstream_http_x_shlogin_user");
        app.Single("error_page", "401", "=", "/auth/signin-redirect");
        app.Single("error_page", "500", "=", "@shlogin_unavailable");
        var unavailable = server.Single("location", "@shlogin_unavailable");
        var answer = Assert.Single(unavailable.Children("return"));
        Assert.Equal("503", answer.Arguments[0]);
        Assert.Empty(unavailable.Children("proxy_pass"));
    }

    [Fact]
    public void App_location_proxies_websockets_and_streams()
    {
        var app = Server(Site).Single("location", "/");

        app.Single("proxy_pass", "http://shlogin_app");
        app.Single("proxy_http_version", "1.1");
        app.Single("proxy_set_header", "Upgrade", "$http_upgrade");
        app.Single("proxy_set_header", "Connection", "$shlogin_connection_upgrade");
        app.Single("proxy_set_header", "Host", "$http_host");
        app.Single("proxy_buffering", "off");
        app.Single("proxy_read_timeout", "1d");
    }

    [Fact]
    public void App_receives_only_the_user_named_by_the_login_service()
    {
        var app = Server(Site).Single("location", "/");

        var userHeaders = app.Children("proxy_set_header").Where(h => string.Equals(h.Arguments[0], "X-ShLogin-User", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["$shlogin_user"], Assert.Single(userHeaders).Arguments.Skip(1));
    }

    [Fact]
    public void Secret_header_is_sent_to_the_app_only_when_given()
    {
        var without = Server(Site).Single("location", "/");
        var with = Server(Site with { AppSecretHeader = new AppSecretHeader("Authorization", "token s3cret") }).Single("location", "/");

        Assert.DoesNotContain(without.Children("proxy_set_header"), h => h.Arguments[0] == "Authorization");
        with.Single("proxy_set_header", "Authorization", "token s3cret");
        Assert.DoesNotContain(Server(Site).Descendants(), d => d.Arguments.Any(a => a.Contains("s3cret", StringComparison.Ordinal)));
    }

    [Fact]
    public void Secret_header_never_reaches_the_login_service()
    {
        var server = Server(Site with { AppSecretHeader = new AppSecretHeader("Authorization", "token s3cret") });

        var mentions = server.Descendants().Where(d => d.Arguments.Contains("token s3cret")).ToList();
        Assert.Single(mentions);
        Assert.Contains(mentions[0], server.Single("location", "/").Block!);
    }

    [Fact]
    public void Websocket_origin_check_is_on_unless_turned_off()
    {
        var with = NginxConfigTree.Parse(NginxSnippetRenderer.Render(Site));
        var without = NginxConfigTree.Parse(NginxSnippetRenderer.Render(Site with { CheckWebSocketOrigin = false }));

        Assert.DoesNotContain(without.Descendants(), d => d.Arguments.Any(a => a.Contains("$shlogin_websocket_origin_mismatch", StringComparison.Ordinal)));
        var map = with.Single("map", "$http_upgrade|$http_origin|$http_host", "$shlogin_websocket_origin_mismatch");
        map.Single("default", "1");
        var check = with.Single("server").Single("location", "/").Single("if", "($shlogin_websocket_origin_mismatch)");
        check.Single("return", "403");
    }

    [Fact]
    public void The_login_service_locations_keep_no_access_log()
    {
        Server(Site).Single("location", "/auth/").Single("access_log", "off");
    }

    [Fact]
    public void Ipv6_upstreams_are_written_in_brackets()
    {
        var snippet = NginxConfigTree.Parse(NginxSnippetRenderer.Render(Site with { AuthUpstream = Upstream.Parse("[::1]:9090") }));

        snippet.Single("upstream", "shlogin_auth").Single("server", "[::1]:9090");
    }

    private static NginxDirective Server(NginxSiteOptions site) =>
        NginxConfigTree.Parse(NginxSnippetRenderer.Render(site)).Single("server");

    private static NginxDirective Location(NginxDirective server, string exactPath) =>
        server.Single("location", "=", exactPath);
}
