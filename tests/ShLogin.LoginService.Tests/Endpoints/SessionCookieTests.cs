using System.Net;
using ShLogin.Configuration;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Endpoints;

public class SessionCookieTests
{
    private static async Task<(string Session, string Antiforgery)> LoginCookiesAsync(
        SecureCookieMode mode, string? forwardedProto, string? cookieDomain = null)
    {
        using var directory = new TemporaryDirectory();
        var time = LoginServiceHost.NewClock();
        await using var host = await LoginServiceHost.StartAsync(
            LoginServiceHost.OptionsFor(AuthMode.Token, directory.Combine("data"), time, mode, cookieDomain));
        var browser = host.NewBrowser();
        browser.ForwardedProto = forwardedProto;

        using var form = await browser.GetAsync("/auth/login");
        var antiforgery = Assert.Single(browser.LastSetCookies);
        using var login = await browser.LoginAsync(TestSecrets.Token);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        var session = Assert.Single(browser.LastSetCookies, c => c.StartsWith(LoginServiceOptions.DefaultCookieName + "=", StringComparison.Ordinal));
        return (session, antiforgery);
    }

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';').Any(part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    [Theory]
    [InlineData(SecureCookieMode.Auto, null, false)]
    [InlineData(SecureCookieMode.Auto, "http", false)]
    [InlineData(SecureCookieMode.Auto, "https", true)]
    [InlineData(SecureCookieMode.On, null, true)]
    [InlineData(SecureCookieMode.On, "http", true)]
    [InlineData(SecureCookieMode.Off, "https", false)]
    public async Task Cookies_are_secure_as_configured(SecureCookieMode mode, string? forwardedProto, bool secure)
    {
        var (session, antiforgery) = await LoginCookiesAsync(mode, forwardedProto);

        Assert.Equal(secure, IsSecure(session));
        Assert.Equal(secure, IsSecure(antiforgery));
    }

    [Fact]
    public async Task A_cookie_domain_is_set_on_the_session_cookie_only()
    {
        var (session, antiforgery) = await LoginCookiesAsync(SecureCookieMode.Auto, null, "example.org");

        Assert.Contains("domain=example.org", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", antiforgery, StringComparison.OrdinalIgnoreCase);
    }
}
