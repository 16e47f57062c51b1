using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

/// <summary>
/// A request without any session cookie is sent to the login page by nginx itself, with the
/// Location the login service would send (<c>next</c> = <c>Uri.EscapeDataString</c> of the target
/// when it is a safe path, else <c>/</c>); what nginx cannot decide exactly stays the login service's.
/// The real login service and nginx are compared in the integration tests.
/// </summary>
public sealed class NginxSignInRedirectTests
{
    private const string RuntimeDirectory = "/tmp/shlogin.Anon/run";
    private const string LoginServiceDecides = "";
    private const string ToRoot = "/auth/login?next=%2F";

    private static readonly NginxRuntimePaths Paths = new(RuntimeDirectory);

    private static readonly NginxSiteOptions Site = new()
    {
        Listen = new ListenEndpoint("127.0.0.1", 9123),
        AuthUpstream = Upstream.Parse("127.0.0.1:9090"),
        AppUpstream = Upstream.Parse("127.0.0.1:40001"),
        SessionCookieName = "shlogin_9123",
    };

    private static readonly NginxSiteOptions GatedSite = Site with
    {
        SessionGate = new NginxSessionGate(Paths.SessionGateDirectory, "shlogin_9123_gate", "token-user"),
        AppAvailableFile = Paths.AppAvailableFile,
    };

    [Theory]
    [InlineData("/")]
    [InlineData("/tree")]
    [InlineData("/lab/tree?a=1&b=2")]
    [InlineData("/notebooks/my%20notebook.ipynb?kernel=python3&mode=edit")]
    [InlineData("/files/a%26b.txt?download=1&x=%2F")]
    [InlineData("/search?q=a+b&next=/other?x=1")]
    [InlineData("/a%2fb%2Fc")]
    [InlineData("/x?next=//evil.com")]
    [InlineData("/x?u=http://evil.com/")]
    [InlineData("/$x'\"{;}")]
    [InlineData("/<script>|^`[]@!*(),:#")]
    [InlineData("/A-Z_a.z~0-9")]
    [InlineData("/%41%7e%7E%3f%3F")]
    public void A_safe_target_is_encoded_as_the_login_service_encodes_it(string target)
    {
        Assert.Equal($"/auth/login?next={Uri.EscapeDataString(target)}", Location(target));
    }

    [Theory]
    [InlineData("//evil.com")]
    [InlineData("//evil.com/path?x=1")]
    [InlineData("/\\evil.com")]
    [InlineData("/a\\b")]
    [InlineData("/%2Fevil.com")]
    [InlineData("/%2fevil.com")]
    [InlineData("/%5Cevil.com")]
    [InlineData("/%5cevil.com")]
    [InlineData("/a%5Cb")]
    [InlineData("/a%0d%0aSet-Cookie:%20x=1")]
    [InlineData("/%0D%0ALocation:%20http://evil.com")]
    [InlineData("/a%00b")]
    [InlineData("/a%1fb")]
    [InlineData("/a%7Fb")]
    [InlineData("/a%25%0a")]
    [InlineData("http://evil.com/")]
    [InlineData("evil.com")]
    [InlineData("*")]
    public void An_unsafe_target_sends_to_the_login_page_with_next_root(string target)
    {
        Assert.Equal(ToRoot, Location(target));
    }

    [Fact]
    public void A_target_longer_than_the_login_service_accepts_is_unsafe_and_one_as_long_is_encoded()
    {
        var longest = "/" + new string('a', NginxSignInRedirect.MaxNextLength - 1);

        Assert.Equal($"/auth/login?next={Uri.EscapeDataString(longest)}", Location(longest));
        Assert.Equal(ToRoot, Location(longest + "a"));
        Assert.Equal(ToRoot, Location(longest + "%0a"));
    }

    [Theory]
    [InlineData("/a%25b")]
    [InlineData("/a%252Fb")]
    [InlineData("/%252F%252Fevil.com")]
    [InlineData("/%C3%A9t%C3%A9")]
    [InlineData("/%c2%85")]
    [InlineData("/\u00e9t\u00e9")]
    [InlineData("/a b")]
    [InlineData("/a\tb")]
    [InlineData("/a%")]
    [InlineData("/a%zz")]
    [InlineData("/a%2")]
    [InlineData("/a\u007fb")]
    public void What_nginx_cannot_decide_exactly_is_left_to_the_login_service(string target)
    {
        Assert.Equal(LoginServiceDecides, Location(target));
    }

    [Fact]
    public void A_target_with_more_characters_to_escape_than_the_chain_holds_is_left_to_the_login_service()
    {
        var most = string.Concat(Enumerable.Repeat("/a", NginxSignInRedirect.MaxEscapedCharacters));

        Assert.Equal($"/auth/login?next={Uri.EscapeDataString(most)}", Location(most));
        Assert.Equal(LoginServiceDecides, Location(most + "/"));
        Assert.Equal(LoginServiceDecides, Location(most + "?a=1"));
    }

    [Fact]
    public void Every_character_the_chain_escapes_is_escaped_as_EscapeDataString_does()
    {
        var escaped = NginxSignInRedirect.EscapedCharacters.ToList();
        Assert.Equal(
            Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c).Where(c => c != '\\' && Uri.EscapeDataString(c.ToString()) != c.ToString()),
            escaped);

        foreach (var c in escaped.Where(c => c != '%'))
        {
            var target = $"/x{c}y";
            Assert.Equal($"/auth/login?next={Uri.EscapeDataString(target)}", Location(target));
        }
    }

    [Theory]
    [InlineData("shlogin_9123=forged")]
    [InlineData("shlogin_9123=")]
    [InlineData("SHLOGIN_9123=x")]
    [InlineData("shlogin_9123 = x")]
    [InlineData("a=1; shlogin_9123=x")]
    [InlineData("a=1;shlogin_9123=x")]
    [InlineData("a=1, shlogin_9123=x")]
    [InlineData("shlogin_9123_gate=0123456789abcdef0123456789abcdef")]
    [InlineData("a=1; ShLogin_9123_Gate=anything")]
    [InlineData("shlogin_9123_af=F; shlogin_9123=x")]
    public void Any_session_or_gate_cookie_leaves_the_request_to_the_login_service(string cookie)
    {
        Assert.Equal(LoginServiceDecides, Location("/lab", cookie));
        Assert.Equal(LoginServiceDecides, Location("/lab", cookie, GatedSite));
    }

    [Theory]
    [InlineData("")]
    [InlineData("shlogin_9123_af=antiforgery")]
    [InlineData("a=1; b=2")]
    [InlineData("xshlogin_9123=1")]
    [InlineData("shlogin_91234=1")]
    [InlineData("shlogin_9123x=1")]
    [InlineData("a=shlogin_9123")]
    [InlineData("shlogin_9124=other-stack")]
    public void Other_cookies_are_no_session(string cookie)
    {
        Assert.Equal("/auth/login?next=%2Flab", Location("/lab", cookie));
        Assert.Equal("/auth/login?next=%2Flab", Location("/lab", cookie, GatedSite));
    }

    [Fact]
    public void A_site_without_a_known_session_cookie_asks_the_login_service_as_before()
    {
        var config = NginxSnippetRenderer.Render(Site with { SessionCookieName = null });

        Assert.DoesNotContain(NginxSignInRedirect.LocationVariable, config, StringComparison.Ordinal);
        Assert.Contains("auth_request /auth/check;", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_gate_the_app_location_redirects_after_the_availability_check_and_before_asking()
    {
        AssertRedirectsBeforeAsking(Server(Site with { AppAvailableFile = Paths.AppAvailableFile }).Single("location", "/"));
    }

    [Fact]
    public void With_the_gate_a_listed_session_is_untouched_and_the_checked_location_redirects()
    {
        var server = Server(GatedSite);

        Assert.DoesNotContain(server.Single("location", "/").Block!, IsRedirect);
        AssertRedirectsBeforeAsking(server.Single("location", "@shlogin_checked"));
    }

    [Fact]
    public void The_snippet_for_a_users_own_nginx_redirects_too()
    {
        var location = NginxConfigTree.Parse(NginxSnippetRenderer.Render(Site)).Single("server").Single("location", "/");

        AssertRedirectsBeforeAsking(location);
    }

    [Fact]
    public void The_login_service_routes_stay_as_they_are()
    {
        var server = Server(Site);

        foreach (var location in server.Children("location").Where(l => l.Arguments[^1].StartsWith("/auth/", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(location.Descendants(), IsRedirect);
            Assert.Contains(location.Block!, d => d.Name == "proxy_pass");
        }
    }

    private static void AssertRedirectsBeforeAsking(NginxDirective location)
    {
        var directives = location.Block!.ToList();
        var redirect = Assert.Single(directives, IsRedirect);
        redirect.Single("return", "302", NginxSignInRedirect.LocationVariable);
        redirect.Single("add_header", "Cache-Control", "no-store", "always");
        redirect.Single("add_header", "Pragma", "no-cache", "always");
        redirect.Single("add_header", "Referrer-Policy", "no-referrer", "always");
        Assert.Equal(4, redirect.Block!.Count);
        location.Single("absolute_redirect", "off");
        location.Single("auth_request", NginxAuthContract.CheckPath);

        // Rewrite-phase checks run in order: the app's availability (503) and the WebSocket origin (403) come first, as before.
        var position = directives.IndexOf(redirect);
        Assert.All(
            directives.Where(d => d.Name == "if" && !IsRedirect(d)),
            check => Assert.True(directives.IndexOf(check) < position, $"if {string.Join(' ', check.Arguments)} comes after the redirect"));
    }

    private static bool IsRedirect(NginxDirective directive) =>
        directive.Name == "if" && directive.Arguments.SequenceEqual([$"({NginxSignInRedirect.LocationVariable})"]);

    private static string Location(string target, string cookie = "", NginxSiteOptions? site = null)
    {
        var config = NginxConfigTree.Parse(Render(site ?? Site));
        var request = new Dictionary<string, string> { ["request_uri"] = target, ["http_cookie"] = cookie };
        return new NginxMapEvaluator(config, request).Get(NginxSignInRedirect.LocationVariable);
    }

    private static NginxDirective Server(NginxSiteOptions site) => NginxConfigTree.Parse(Render(site)).Single("http").Single("server");

    private static string Render(NginxSiteOptions site) => NginxConfigRenderer.Render(site, Paths, workerUser: null, NginxWorkerLimits.For(2, 20000));
}
