using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

/// <summary>
/// The Cookie header the app receives: the login service's cookies (session, gate, antiforgery)
/// are gone wherever and however often they occur; every other cookie stays, in order.
/// </summary>
public sealed class NginxCookieFilterTests
{
    private static readonly NginxSiteOptions Site = new()
    {
        Listen = new ListenEndpoint("127.0.0.1", 9123),
        AuthUpstream = Upstream.Parse("127.0.0.1:9090"),
        AppUpstream = Upstream.Parse("127.0.0.1:40001"),
        SessionCookieName = "shlogin_9123",
    };

    [Theory]
    [InlineData("shlogin_9123=S", "")]
    [InlineData("shlogin_9123=S; a=1", "a=1")]
    [InlineData("a=1; shlogin_9123=S", "a=1")]
    [InlineData("a=1; shlogin_9123=S; b=2", "a=1; b=2")]
    [InlineData("shlogin_9123_gate=G", "")]
    [InlineData("a=1; shlogin_9123_af=F; b=2", "a=1; b=2")]
    [InlineData("shlogin_9123=S; shlogin_9123_gate=G; shlogin_9123_af=F", "")]
    [InlineData("a=1; shlogin_9123=S; b=2; shlogin_9123_gate=G; c=3; shlogin_9123_af=F; d=4", "a=1; b=2; c=3; d=4")]
    [InlineData("shlogin_9123_gate=G; a=1; shlogin_9123=S", "a=1")]
    [InlineData("shlogin_9123=; a=1", "a=1")]
    [InlineData("a=1;shlogin_9123=S;b=2", "a=1;b=2")]
    [InlineData("a=1;  shlogin_9123 = S;  b=2", "a=1;  b=2")]
    [InlineData("SHLOGIN_9123=S; a=1", "a=1")]
    [InlineData("a=1; ShLogin_9123_Gate=G", "a=1")]
    [InlineData("a=1; shlogin_9123=S=with=equals; b=2", "a=1; b=2")]
    [InlineData("a=\"quoted\"; shlogin_9123=\"S\"; b=2", "a=\"quoted\"; b=2")]
    public void Removes_the_login_service_cookies_and_keeps_the_rest_in_order(string header, string expected)
    {
        Assert.Equal(expected, AppCookie(header));
    }

    [Theory]
    [InlineData("shlogin_9123=S; shlogin_9123=T", "")]
    [InlineData("a=1; shlogin_9123=S; b=2; shlogin_9123=T; c=3", "a=1; b=2; c=3")]
    [InlineData("shlogin_9123_gate=G; a=1; shlogin_9123_gate=H; shlogin_9123=S; shlogin_9123=T", "a=1")]
    public void Removes_a_cookie_sent_twice(string header, string expected)
    {
        Assert.Equal(expected, AppCookie(header));
    }

    [Theory]
    [InlineData("shlogin_9123=S; shlogin_9123=T; shlogin_9123=U; a=1")]
    [InlineData("a=1; shlogin_9123_gate=G; shlogin_9123_gate=H; b=2; shlogin_9123_gate=I")]
    public void Sends_no_cookie_at_all_rather_than_one_of_the_login_service(string header)
    {
        Assert.Equal(string.Empty, AppCookie(header));
    }

    [Theory]
    [InlineData("shlogin_x=1")]
    [InlineData("shlogin_91234=1; shlogin_912=2")]
    [InlineData("xshlogin_9123=1; shlogin_9123x=2; shlogin_9123_gatex=3; shlogin_9123_afx=4")]
    [InlineData("shlogin_9123_=1; _shlogin_9123=2; shlogin-9123=3")]
    [InlineData("a=shlogin_9123=S; b=x;shlogin_9123_gateway=1")]
    [InlineData("shlogin_session=1; shlogin_8080=2; shlogin_8080_gate=3")]
    [InlineData("_xsrf=2|abc; username-127-0-0-1-8888=\"2|1:0|10:1700000000|\"")]
    [InlineData("")]
    public void Leaves_every_other_cookie_alone(string header)
    {
        Assert.Equal(header, AppCookie(header));
    }

    [Fact]
    public void The_app_gets_the_filtered_header_and_the_login_service_the_original()
    {
        var server = NginxConfigTree.Parse(NginxSnippetRenderer.Render(Site)).Single("server");

        server.Single("location", "/").Single("proxy_set_header", "Cookie", "$shlogin_app_cookie");
        Assert.DoesNotContain(server.Single("location", "/auth/").Children("proxy_set_header"), d => d.Arguments[0] == "Cookie");
    }

    [Fact]
    public void With_the_session_gate_the_checked_location_filters_too()
    {
        var site = Site with { SessionGate = new NginxSessionGate("/tmp/x/sessions", "shlogin_9123_gate", "token-user") };
        var server = NginxConfigTree.Parse(NginxSnippetRenderer.Render(site)).Single("server");

        server.Single("location", "/").Single("proxy_set_header", "Cookie", "$shlogin_app_cookie");
        server.Single("location", "@shlogin_checked").Single("proxy_set_header", "Cookie", "$shlogin_app_cookie");
    }

    [Fact]
    public void Without_a_session_cookie_name_the_header_passes_as_it_is()
    {
        var config = NginxConfigTree.Parse(NginxSnippetRenderer.Render(Site with { SessionCookieName = null }));

        Assert.DoesNotContain(config.Descendants(), d => d.Arguments.Contains("$shlogin_app_cookie"));
        Assert.DoesNotContain(config.Descendants(), d => d.Name == "proxy_set_header" && d.Arguments[0] == "Cookie");
    }

    [Theory]
    [InlineData("shlogin.9123")]
    [InlineData("a|b")]
    [InlineData("a b")]
    [InlineData("a$b")]
    [InlineData("(.*)")]
    [InlineData("")]
    public void A_cookie_name_that_would_change_the_regexes_is_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => Site with { SessionCookieName = name });
    }

    [Fact]
    public void The_default_session_cookie_and_its_prefix_free_antiforgery_cookie_are_removed()
    {
        var prefixed = Site with { SessionCookieName = "__Host-shlogin" };

        Assert.Equal("a=1", AppCookie(Site with { SessionCookieName = NginxAuthContract.DefaultSessionCookieName }, "shlogin_session=S; a=1; shlogin_session_af=F"));
        Assert.Equal("a=1", AppCookie(prefixed, "__Host-shlogin=S; a=1; shlogin_af=F; __Host-shlogin_gate=G"));
    }

    private static string AppCookie(string header) => AppCookie(Site, header);

    private static string AppCookie(NginxSiteOptions site, string header)
    {
        var config = NginxConfigTree.Parse(NginxSnippetRenderer.Render(site));
        return new NginxMapEvaluator(config, new Dictionary<string, string> { ["http_cookie"] = header }).Get("$shlogin_app_cookie");
    }
}
