using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class NginxSessionGateTests
{
    private const string RuntimeDirectory = "/tmp/shlogin.Gate/run";

    private static readonly NginxRuntimePaths Paths = new(RuntimeDirectory);

    private static readonly NginxSiteOptions Site = new()
    {
        Listen = new ListenEndpoint("127.0.0.1", 9123),
        AuthUpstream = Upstream.Parse($"unix:{RuntimeDirectory}/auth.sock"),
        AppUpstream = Upstream.Parse($"unix:{RuntimeDirectory}/app.sock"),
        SessionGate = new NginxSessionGate(Paths.SessionGateDirectory, "shlogin_9123_gate", "token-user"),
    };

    [Theory]
    [InlineData("shlogin-9123_gate")]
    [InlineData("__Host-shlogin_gate")]
    [InlineData("")]
    [InlineData("gate;")]
    [InlineData("gate name")]
    public void Refuses_a_cookie_name_nginx_cannot_read_as_a_variable(string name)
    {
        Assert.Throws<ArgumentException>(() => new NginxSessionGate(Paths.SessionGateDirectory, name, "token-user"));
    }

    [Theory]
    [InlineData("sessions")]
    [InlineData("/tmp/a;b/sessions")]
    [InlineData("/tmp/$x/sessions")]
    [InlineData("/tmp/a\"b/sessions")]
    [InlineData("/tmp/a{b}/sessions")]
    public void Refuses_a_directory_that_is_relative_or_would_be_read_as_syntax(string path)
    {
        Assert.Throws<ArgumentException>(() => new NginxSessionGate(path, "shlogin_gate", "token-user"));
    }

    [Fact]
    public void Only_a_well_formed_gate_cookie_names_a_file_and_only_inside_the_directory()
    {
        var http = Parse().Single("http");

        var map = http.Single("map", "$cookie_shlogin_9123_gate", "$shlogin_gate_file");
        Assert.Equal(2, map.Block!.Count);
        map.Single("default", "");
        map.Single("~^(?<shlogin_gate_key>[0-9a-f]{32})$", Paths.SessionGateDirectory + "/$shlogin_gate_key");
    }

    [Fact]
    public void Nothing_is_included_or_cached_so_a_change_needs_no_reload_and_shows_at_the_next_request()
    {
        Assert.DoesNotContain(Parse().Descendants(), directive => directive.Name is "include" or "open_file_cache");
    }

    [Fact]
    public void A_listed_session_goes_straight_to_the_app_and_names_its_user()
    {
        var root = Server().Single("location", "/");

        Assert.Empty(root.Children("auth_request"));
        var unlisted = Assert.Single(root.Children("if"), d => d.Arguments[0] != "($shlogin_websocket_origin_mismatch)");
        Assert.Equal(["(!-f", "$shlogin_gate_file)"], unlisted.Arguments);
        unlisted.Single("return", "418");
        root.Single("error_page", "418", "=", "@shlogin_checked");
        root.Single("recursive_error_pages", "on");
        root.Single("proxy_pass", "http://shlogin_app");
        root.Single("proxy_set_header", NginxAuthContract.UserHeader, "token-user");
    }

    [Fact]
    public void Every_other_request_is_asked_of_the_login_service_as_without_the_gate()
    {
        var checkedApp = Server().Single("location", "@shlogin_checked");

        checkedApp.Single("auth_request", NginxAuthContract.CheckPath);
        checkedApp.Single("error_page", "401", "=", NginxAuthContract.SignInRedirectPath);
        checkedApp.Single("error_page", "500", "=", "@shlogin_unavailable");
        checkedApp.Single("proxy_pass", "http://shlogin_app");
        checkedApp.Single("proxy_set_header", NginxAuthContract.UserHeader, "$shlogin_user");
    }

    [Fact]
    public void Without_a_gate_there_is_no_map_and_every_request_is_asked()
    {
        var config = NginxConfigTree.Parse(NginxSnippetRenderer.Render(Site with { SessionGate = null }));

        Assert.DoesNotContain(config.Descendants(), directive => directive.Arguments.Contains("$shlogin_gate_file") || directive.Arguments.Contains("(!-f"));
        var root = config.Single("server").Single("location", "/");
        root.Single("auth_request", NginxAuthContract.CheckPath);
        Assert.DoesNotContain(config.Descendants(), directive => directive.Arguments.Contains("@shlogin_checked"));
    }

    [Fact]
    public void The_gate_cookie_is_named_after_the_session_cookie()
    {
        Assert.Equal("shlogin_9123_gate", NginxAuthContract.GateCookieName("shlogin_9123"));
    }

    private static NginxDirective Parse() => NginxConfigTree.Parse(NginxConfigRenderer.Render(Site, Paths, workerUser: null, NginxWorkerLimits.For(2, 20000)));

    private static NginxDirective Server() => Parse().Single("http").Single("server");
}
