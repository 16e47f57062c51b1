using System.Net;
using ShLogin.Configuration;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Endpoints;

public class CheckEndpointTests
{
    private const string SessionCookie = LoginServiceOptions.DefaultCookieName;
    private const string UserHeader = "X-ShLogin-User";

    [Fact]
    public async Task Without_a_cookie_the_answer_is_401_and_never_a_redirect()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();

        using var response = await browser.GetAsync("/auth/check");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Empty(browser.LastSetCookies);
    }

    [Fact]
    public async Task A_session_cookie_from_a_login_gets_204()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();

        using var login = await browser.LoginAsync(TestSecrets.Token);

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, await browser.CheckAsync());
        Assert.Empty(browser.LastSetCookies);
    }

    [Theory]
    [InlineData(AuthMode.Token, "token-user")]
    [InlineData(AuthMode.Totp, "totp-user")]
    [InlineData(AuthMode.TokenAndTotp, "token-totp-user")]
    public async Task A_valid_session_names_the_user_for_the_app(AuthMode mode, string user)
    {
        await using var host = await LoginServiceHost.StartAsync(mode);
        var browser = host.NewBrowser();
        using var login = await browser.LoginAsync(
            host.Options.RequiresToken ? TestSecrets.Token : null,
            host.Options.RequiresTotp ? TestSecrets.CodeAt(host.Time.GetUtcNow()) : null);

        using var check = await browser.GetAsync("/auth/check");

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, check.StatusCode);
        Assert.Equal(user, Assert.Single(check.Headers.GetValues(UserHeader)));
    }

    [Fact]
    public async Task A_refused_check_names_no_user_even_when_the_request_claims_one()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/check");
        request.Headers.Add(UserHeader, "mallory");

        using var check = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, check.StatusCode);
        Assert.False(check.Headers.Contains(UserHeader));
    }

    [Fact]
    public async Task A_revoked_session_names_no_user()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();
        using var login = await browser.LoginAsync(TestSecrets.Token);
        var cookie = browser.Cookie(SessionCookie)!;
        var antiforgery = await browser.AntiforgeryTokenFromAsync("/auth/logout");
        using var logout = await browser.PostFormAsync("/auth/logout", [new(FormBrowser.AntiforgeryField, antiforgery)]);
        browser.SetCookie(SessionCookie, cookie);

        using var check = await browser.GetAsync("/auth/check");

        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, check.StatusCode);
        Assert.False(check.Headers.Contains(UserHeader));
    }

    [Fact]
    public async Task A_tampered_cookie_gets_401()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();
        using var _ = await browser.LoginAsync(TestSecrets.Token);
        var cookie = browser.Cookie(SessionCookie)!;
        var middle = cookie.Length / 2;
        var flipped = cookie[middle] == 'A' ? 'B' : 'A';

        browser.SetCookie(SessionCookie, cookie[..middle] + flipped + cookie[(middle + 1)..]);

        Assert.Equal(HttpStatusCode.Unauthorized, await browser.CheckAsync());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_forged_cookie_gets_401(string value)
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();
        browser.SetCookie(SessionCookie, value);

        Assert.Equal(HttpStatusCode.Unauthorized, await browser.CheckAsync());
    }

    [Fact]
    public async Task A_cookie_from_another_instance_gets_401()
    {
        await using var other = await LoginServiceHost.StartAsync();
        var elsewhere = other.NewBrowser();
        using var _ = await elsewhere.LoginAsync(TestSecrets.Token);
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();

        browser.SetCookie(SessionCookie, elsewhere.Cookie(SessionCookie)!);

        Assert.Equal(HttpStatusCode.Unauthorized, await browser.CheckAsync());
    }

    [Fact]
    public async Task Sessions_end_after_their_lifetime_however_much_they_are_used()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();
        using var _ = await browser.LoginAsync(TestSecrets.Token);

        for (var hour = 0; hour < 12; hour++)
        {
            Assert.Equal(HttpStatusCode.NoContent, await browser.CheckAsync());
            host.Time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        }

        Assert.Equal(HttpStatusCode.NoContent, await browser.CheckAsync());
        host.Time.Advance(TimeSpan.FromSeconds(13));

        Assert.Equal(HttpStatusCode.Unauthorized, await browser.CheckAsync());
    }
}
