using System.Net;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Endpoints;

public class LogoutEndpointTests
{
    private const string SessionCookie = LoginServiceOptions.DefaultCookieName;

    private static async Task<FormBrowser> SignedInBrowserAsync(LoginServiceHost host)
    {
        var browser = host.NewBrowser();
        using var login = await browser.LoginAsync(TestSecrets.Token);
        Assert.Equal(HttpStatusCode.NoContent, await browser.CheckAsync());
        return browser;
    }

    [Fact]
    public async Task The_logout_page_has_a_posting_form_with_antiforgery_and_the_security_headers()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = await SignedInBrowserAsync(host);

        using var response = await browser.GetAsync("/auth/logout");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"/auth/logout\">", html, StringComparison.Ordinal);
        Assert.NotEmpty(FormBrowser.AntiforgeryTokenIn(html));
        Assert.Contains("frame-ancestors 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.NoContent, await browser.CheckAsync());
    }

    [Fact]
    public async Task Logout_revokes_the_session_so_the_old_cookie_stops_working()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = await SignedInBrowserAsync(host);
        var oldCookie = browser.Cookie(SessionCookie)!;
        var antiforgery = await browser.AntiforgeryTokenFromAsync("/auth/logout");

        using var response = await browser.PostFormAsync("/auth/logout", [new(FormBrowser.AntiforgeryField, antiforgery)]);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/auth/login", response.Headers.Location?.OriginalString);
        var cleared = Assert.Single(browser.LastSetCookies, c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
        Assert.Null(browser.Cookie(SessionCookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.CheckAsync());

        browser.SetCookie(SessionCookie, oldCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.CheckAsync());
    }

    [Fact]
    public async Task Logout_of_one_browser_leaves_other_sessions_alone()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var phone = await SignedInBrowserAsync(host);
        var laptop = await SignedInBrowserAsync(host);
        var antiforgery = await phone.AntiforgeryTokenFromAsync("/auth/logout");

        using var _ = await phone.PostFormAsync("/auth/logout", [new(FormBrowser.AntiforgeryField, antiforgery)]);

        Assert.Equal(HttpStatusCode.Unauthorized, await phone.CheckAsync());
        Assert.Equal(HttpStatusCode.NoContent, await laptop.CheckAsync());
    }

    [Fact]
    public async Task A_logout_post_without_antiforgery_gets_400_and_keeps_the_session()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = await SignedInBrowserAsync(host);

        using var response = await browser.PostFormAsync("/auth/logout", []);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, await browser.CheckAsync());
    }

    [Fact]
    public async Task A_cross_site_logout_with_a_foreign_antiforgery_token_gets_400()
    {
        await using var host = await LoginServiceHost.StartAsync();
        // An attacker gets a valid field value from the login page, but not the victim's antiforgery cookie.
        var attacker = host.NewBrowser();
        var foreignToken = await attacker.AntiforgeryTokenFromAsync("/auth/login");
        var victim = await SignedInBrowserAsync(host);

        using var response = await victim.PostFormAsync("/auth/logout", [new(FormBrowser.AntiforgeryField, foreignToken)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, await victim.CheckAsync());
    }

    [Fact]
    public async Task The_logout_page_of_a_signed_out_browser_offers_to_sign_in()
    {
        await using var host = await LoginServiceHost.StartAsync();

        using var response = await host.NewBrowser().GetAsync("/auth/logout");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not signed in", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/auth/login\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_out_twice_is_harmless()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = await SignedInBrowserAsync(host);
        var antiforgery = await browser.AntiforgeryTokenFromAsync("/auth/logout");
        using var first = await browser.PostFormAsync("/auth/logout", [new(FormBrowser.AntiforgeryField, antiforgery)]);

        using var second = await browser.PostFormAsync("/auth/logout", [new(FormBrowser.AntiforgeryField, antiforgery)]);

        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.CheckAsync());
    }
}
