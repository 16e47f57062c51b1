using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace ShLogin.IntegrationTests.Serve;

/// <summary>
/// A request without any session cookie is answered by nginx (config from <c>sh-login nginx-conf</c>)
/// with exactly what the real login service answers for it, which the same request with a forged
/// session cookie still gets from the login service: same status, Location and cache headers, for
/// hostile targets too. The login service's counters show it was not asked.
/// </summary>
public sealed partial class AnonymousRedirectTests
{
    private const string SessionCookie = "shlogin_session";

    // Targets nginx answers itself. Raw bytes on the wire, as a browser or an attacker sends them.
    public static TheoryData<string, string> NginxAnswers() => new()
    {
        { "GET", "/" },
        { "GET", "/lab/tree?a=1&b=2" },
        { "GET", "/notebooks/my%20notebook.ipynb?kernel=python3&mode=edit" },
        { "GET", "/search?q=a+b&next=/other?x=1" },
        { "GET", "//evil.com" },
        { "GET", "//evil.com/%2e%2e/x" },
        { "GET", "/\\evil.com" },
        { "GET", "/a\\b" },
        { "GET", "/%2Fevil.com" },
        { "GET", "/%2fevil.com" },
        { "GET", "/%5cevil.com" },
        { "GET", "/a%5Cb" },
        { "GET", "/a%0d%0aSet-Cookie:%20x=1" },
        { "GET", "/%0D%0ALocation:%20http://evil.com" },
        { "GET", "/a%7fb" },
        { "GET", "/a%2fb%2Fc" },
        { "GET", "/a/%2e%2e/b" },
        { "GET", "/a/../b" },
        { "GET", "/x?next=//evil.com&u=http://evil.com/" },
        { "GET", "/$x'\"{;}<>|" },
        { "GET", "/^`[]@!*(),:" },
        { "GET", "http://evil.com/x" },
        { "GET", "/" + new string('a', 2047) },
        { "GET", "/" + new string('a', 2048) },
        { "GET", string.Concat(Enumerable.Repeat("/a", 16)) },
        { "HEAD", "/lab?x=1" },
        { "POST", "/api/save?x=1" },
        { "PUT", "/api/contents/a.txt" },
        { "DELETE", "//evil.com" },
    };

    // Targets whose next nginx cannot compute exactly: still the login service's, as before.
    public static TheoryData<string, string> LoginServiceAnswers() => new()
    {
        { "GET", "/a%25b" },
        { "GET", "/%252F%252Fevil.com" },
        { "GET", "/api/contents?path=%C3%A9t%C3%A9" },
        { "GET", "/\u00e9t\u00e9" },
        { "GET", string.Concat(Enumerable.Repeat("/a", 17)) },
    };

    // Targets nginx refuses (400) before it looks at cookies at all, with a session or without.
    public static TheoryData<string> NginxRefuses() => new()
    {
        "/a%00b",
        "/a%zz",
        "/%2e%2e/%2e%2e/etc/passwd",
    };

    [Theory]
    [MemberData(nameof(NginxAnswers))]
    public async Task Without_a_session_cookie_nginx_answers_as_the_login_service_would_without_asking_it(string method, string target)
    {
        var (before, answer, asLoginService, after) = await CompareAsync(method, target);

        AssertSameAnswer(asLoginService, answer);
        Assert.Equal(before, after);
    }

    [Theory]
    [MemberData(nameof(LoginServiceAnswers))]
    public async Task A_target_nginx_cannot_encode_exactly_is_still_asked_of_the_login_service(string method, string target)
    {
        var (before, answer, asLoginService, after) = await CompareAsync(method, target);

        AssertSameAnswer(asLoginService, answer);
        Assert.Equal(before.Checks + 1, after.Checks);
        Assert.Equal(before.Redirects + 1, after.Redirects);
    }

    [Theory]
    [MemberData(nameof(NginxRefuses))]
    public async Task A_target_nginx_refuses_is_refused_as_before(string target)
    {
        var (before, answer, asLoginService, after) = await CompareAsync("GET", target);

        Assert.Equal(400, asLoginService.Status);
        Assert.Equal(400, answer.Status);
        Assert.Null(answer.Header("Location"));
        Assert.Equal(before, after);
    }

    private static async Task<(Counters Before, RawHttpResponse Answer, RawHttpResponse AsLoginService, Counters After)> CompareAsync(string method, string target)
    {
        await using var site = await ServedSite.StartAsync(unixSocket: false);
        using var user = site.NewBrowser();
        using var login = await user.LoginAsync(ServedSite.Token);
        var session = user.Cookie(SessionCookie) ?? throw new InvalidOperationException("No session after login.");
        var body = method is "POST" or "PUT" ? "secret=form-data" : null;

        var asLoginService = await RawHttp.SendAsync(site.Nginx.Port, method, target, [$"Cookie: {SessionCookie}=forged-{Guid.NewGuid():N}"], body);
        var before = await CountersAsync(site, session);
        var answer = await RawHttp.SendAsync(site.Nginx.Port, method, target, ["Cookie: other=1; shlogin_session_af=x"], body);
        var after = await CountersAsync(site, session);

        Assert.Empty(site.App.Requests);
        return (before, answer, asLoginService, after);
    }

    private static void AssertSameAnswer(RawHttpResponse expected, RawHttpResponse actual)
    {
        Assert.Equal(302, expected.Status);
        Assert.Equal(expected.Status, actual.Status);
        foreach (var header in new[] { "Location", "Cache-Control", "Pragma", "Referrer-Policy", "Set-Cookie", "X-Frame-Options" })
        {
            Assert.Equal(expected.Header(header), actual.Header(header));
        }

        var location = actual.Header("Location")!;
        Assert.Matches("^/auth/login\\?next=%2F[A-Za-z0-9._~%-]*$", location);
    }

    private static async Task<Counters> CountersAsync(ServedSite site, string session)
    {
        using var browser = site.NewBrowser();
        browser.SetCookie(SessionCookie, session);
        using var response = await browser.GetAsync("/auth/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Counters(Sum(text, "shlogin_auth_checks_total"), Sum(text, "shlogin_sign_in_redirects_total"));
    }

    private static double Sum(string text, string name) =>
        Sample().Matches(text)
            .Where(match => match.Groups["name"].Value == name)
            .Sum(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(?:\{[^}]*\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();

    private sealed record Counters(double Checks, double Redirects);
}
