using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ShLogin.Demo.Tests.TestSupport;

namespace ShLogin.Demo.Tests.Endpoints;

public class RequestPageTests
{
    public static TheoryData<string> HostileValues =>
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
        "</td></tr></table><script src=//evil.example/x.js></script>",
        "<!-- <style>body{display:none}</style>",
        "&lt;b&gt; already encoded &amp; more",
        "javascript:alert(1)//<svg/onload=alert(1)>",
    ];

    [Fact]
    public async Task The_page_shows_the_signed_in_user_and_highlights_the_header()
    {
        await using var host = await DemoHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-ShLogin-User", "alice");

        using var response = await host.Client().SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ShLogin demo", PageParts.OnlyElementText(html, "title"));
        Assert.Contains("Signed in as <strong>alice</strong>", html, StringComparison.Ordinal);
        Assert.Contains(
            "<tr class=\"user-header\"><th scope=\"row\" class=\"mono\">X-ShLogin-User</th><td class=\"mono\">alice</td></tr>",
            html,
            StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "class=\"user-header\""));
    }

    [Fact]
    public async Task The_page_explains_itself_and_links_to_logout()
    {
        await using var host = await DemoHost.StartAsync();

        var html = await host.Client().GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("no login of its own", html, StringComparison.Ordinal);
        Assert.Contains("only reachable through ShLogin", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"logout\" href=\"/auth/logout\">Log out</a>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"ws-form\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_user_header_the_page_says_the_request_did_not_come_through_ShLogin()
    {
        await using var host = await DemoHost.StartAsync();

        var html = await host.Client().GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("Signed in as", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"user-header\"", html, StringComparison.Ordinal);
        Assert.Contains("did not come through ShLogin", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_path_shows_the_page_with_its_method_path_and_query()
    {
        await using var host = await DemoHost.StartAsync();
        using var content = new StringContent("ignored");

        using var response = await host.Client().PostAsync("/deep/link?tab=2&x=%2F", content, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("POST /deep/link?tab=2&amp;x=%2F HTTP/1.1", PageParts.RequestLine(html));
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Hostile_header_values_are_shown_as_text_never_as_markup(string hostile)
    {
        await using var host = await DemoHost.StartAsync();

        var context = await host.SendAsync(c =>
        {
            c.Request.Path = "/";
            c.Request.Headers["X-ShLogin-User"] = hostile;
            c.Request.Headers["X-Anything"] = hostile;
        });
        var html = await PageParts.BodyAsync(context);

        foreach (var cell in new[] { PageParts.HeaderCell(html, "X-ShLogin-User"), PageParts.HeaderCell(html, "X-Anything") })
        {
            Assert.Equal(hostile, WebUtility.HtmlDecode(cell));
            Assert.DoesNotContain('<', cell);
            Assert.DoesNotContain('>', cell);
            Assert.DoesNotContain('"', cell);
            Assert.DoesNotContain('\'', cell);
        }

        var user = Regex.Match(html, "Signed in as <strong>(?<user>.*?)</strong>", RegexOptions.Singleline).Groups["user"].Value;
        Assert.Equal(hostile, WebUtility.HtmlDecode(user));
        AssertOnlyTheOwnMarkup(html);
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task A_hostile_request_target_is_shown_as_text(string hostile)
    {
        await using var host = await DemoHost.StartAsync();

        var context = await host.SendAsync(c =>
        {
            c.Request.Path = "/x";
            c.Features.Get<IHttpRequestFeature>()!.RawTarget = "/x?q=" + hostile;
        });
        var html = await PageParts.BodyAsync(context);

        var line = PageParts.RequestLine(html);
        Assert.Equal("GET /x?q=" + hostile + " HTTP/1.1", WebUtility.HtmlDecode(line));
        Assert.DoesNotContain('<', line);
        AssertOnlyTheOwnMarkup(html);
    }

    [Fact]
    public async Task A_hostile_header_name_is_shown_as_text()
    {
        await using var host = await DemoHost.StartAsync();

        var context = await host.SendAsync(c => c.Request.Headers["X-<b>\"name"] = "value");
        var html = await PageParts.BodyAsync(context);

        Assert.Equal("value", PageParts.HeaderCell(html, "X-<b>\"name"));
        Assert.DoesNotContain("X-<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_policy_allows_exactly_the_inline_style_and_script_of_the_page()
    {
        await using var host = await DemoHost.StartAsync();

        using var response = await host.Client().GetAsync("/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));

        var style = PageParts.OnlyElementText(html, "style");
        var script = PageParts.OnlyElementText(html, "script");
        Assert.Contains($"style-src '{Sha256(style)}';", policy, StringComparison.Ordinal);
        Assert.Contains($"script-src '{Sha256(script)}';", policy, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none';", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_loads_nothing_from_elsewhere()
    {
        await using var host = await DemoHost.StartAsync();

        var html = await host.Client().GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotMatch("<(link|img|iframe|object|embed)\\b", html);
        Assert.DoesNotMatch("<[^>]*\\son[a-z]+\\s*=", html);
    }

    [Fact]
    public async Task The_page_is_neither_cached_nor_framed()
    {
        await using var host = await DemoHost.StartAsync();

        using var response = await host.Client().GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Cookie_values_and_credentials_are_hidden_on_the_page()
    {
        await using var host = await DemoHost.StartAsync();

        var context = await host.SendAsync(c =>
        {
            c.Request.Headers.Cookie = "shlogin_session=SESSIONVALUE; theme=dark";
            c.Request.Headers.Authorization = "token APPSECRET";
        });
        var html = await PageParts.BodyAsync(context);

        Assert.DoesNotContain("SESSIONVALUE", html, StringComparison.Ordinal);
        Assert.DoesNotContain("APPSECRET", html, StringComparison.Ordinal);
        Assert.Equal("shlogin_session=(hidden); theme=(hidden)", PageParts.HeaderCell(html, "Cookie"));
        Assert.Equal("(hidden, 15 characters)", PageParts.HeaderCell(html, "Authorization"));
    }

    private static void AssertOnlyTheOwnMarkup(string html)
    {
        Assert.Single(Regex.Matches(html, "<script", RegexOptions.IgnoreCase));
        Assert.Single(Regex.Matches(html, "<style", RegexOptions.IgnoreCase));
        Assert.Single(Regex.Matches(html, "<table", RegexOptions.IgnoreCase));
        Assert.DoesNotMatch("<(img|svg|b)\\b", html);
        Assert.DoesNotMatch("<[^>]*\\son[a-z]+\\s*=", html);
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
    }

    private static string Sha256(string text) =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
