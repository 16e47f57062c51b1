using System.Net;
using ShLogin.Configuration;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Endpoints;

public class LoginFormTests
{
    private static async Task<(HttpResponseMessage Response, string Html)> GetFormAsync(LoginServiceHost host, string url = "/auth/login")
    {
        var response = await host.NewBrowser().GetAsync(url);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(AuthMode.Token, true, false)]
    [InlineData(AuthMode.Totp, false, true)]
    [InlineData(AuthMode.TokenAndTotp, true, true)]
    public async Task The_form_asks_for_what_the_mode_needs(AuthMode mode, bool asksToken, bool asksCode)
    {
        await using var host = await LoginServiceHost.StartAsync(mode);

        var (response, html) = await GetFormAsync(host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(asksToken, html.Contains("name=\"token\"", StringComparison.Ordinal));
        Assert.Equal(asksCode, html.Contains("name=\"code\"", StringComparison.Ordinal));
        Assert.Equal(asksCode, html.Contains("autocomplete=\"one-time-code\"", StringComparison.Ordinal));
        Assert.Equal(asksCode, html.Contains("inputmode=\"numeric\"", StringComparison.Ordinal));
        Assert.Contains("<label for=", html, StringComparison.Ordinal);
        Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.NotEmpty(FormBrowser.AntiforgeryTokenIn(html));
    }

    [Fact]
    public async Task The_page_carries_the_security_headers()
    {
        await using var host = await LoginServiceHost.StartAsync();

        var (response, html) = await GetFormAsync(host);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inline_style_matches_the_hash_in_the_policy()
    {
        await using var host = await LoginServiceHost.StartAsync();

        var (response, html) = await GetFormAsync(host);

        var start = html.IndexOf("<style>", StringComparison.Ordinal) + "<style>".Length;
        var style = html[start..html.IndexOf("</style>", StringComparison.Ordinal)];
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(style)));
        Assert.Contains($"style-src 'sha256-{hash}'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_strict_http_only_and_limited_to_auth()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();

        using var _ = await browser.GetAsync("/auth/login");

        var cookie = Assert.Single(browser.LastSetCookies);
        Assert.StartsWith("shlogin_session_af=", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/auth", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Next_is_carried_in_the_form_and_encoded()
    {
        await using var host = await LoginServiceHost.StartAsync();

        var (_, html) = await GetFormAsync(host, "/auth/login?next=" + Uri.EscapeDataString("/lab?a=1&b=\"x\""));

        Assert.Contains("name=\"next\" value=\"/lab?a=1&amp;b=&quot;x&quot;\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_next_is_not_carried_in_the_form()
    {
        await using var host = await LoginServiceHost.StartAsync();

        var (_, html) = await GetFormAsync(host, "/auth/login?next=" + Uri.EscapeDataString("//evil.example"));

        Assert.Contains("name=\"next\" value=\"/\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_browser_goes_straight_to_next()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();
        using var login = await browser.LoginAsync(TestSecrets.Token);

        using var response = await browser.GetAsync("/auth/login?next=%2Fnotebooks");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/notebooks", response.Headers.Location?.OriginalString);
    }
}
