using System.Net;
using ShLogin.Configuration;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Endpoints;

public class UrlTokenLoginTests
{
    private const string SessionCookie = LoginServiceOptions.DefaultCookieName;

    [Fact]
    public async Task The_terminal_link_signs_in_and_drops_the_token_from_the_url()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();

        using var first = await browser.GetAsync($"/auth/login?token={TestSecrets.Token}&next=%2Flab%3Fx%3D1");

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        var location = first.Headers.Location!.OriginalString;
        Assert.Equal("/auth/login?next=%2Flab%3Fx%3D1", location);
        Assert.DoesNotContain(TestSecrets.Token, location, StringComparison.Ordinal);
        Assert.Equal("no-referrer", string.Join(",", first.Headers.GetValues("Referrer-Policy")));
        Assert.NotNull(browser.Cookie(SessionCookie));

        using var second = await browser.GetAsync(location);

        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal("/lab?x=1", second.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NoContent, await browser.CheckAsync());
    }

    [Fact]
    public async Task Without_next_the_link_ends_on_the_root()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();

        using var first = await browser.GetAsync($"/auth/login?token={TestSecrets.Token}");
        using var second = await browser.GetAsync(first.Headers.Location!.OriginalString);

        Assert.Equal("/auth/login", first.Headers.Location.OriginalString);
        Assert.Equal("/", second.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_token_in_the_link_gets_401_with_the_form_and_is_not_echoed()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();

        using var response = await browser.GetAsync("/auth/login?token=guessed-token-1234&next=%2Flab");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("guessed-token-1234", html, StringComparison.Ordinal);
        Assert.Contains("name=\"next\" value=\"/lab\"", html, StringComparison.Ordinal);
        Assert.Null(browser.Cookie(SessionCookie));
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("/%2F%2Fevil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("/\r\nX-Injected: 1")]
    [InlineData("javascript:alert(1)")]
    public async Task Open_redirect_attempts_in_the_link_land_on_the_root(string next)
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();

        using var first = await browser.GetAsync($"/auth/login?token={TestSecrets.Token}&next={Uri.EscapeDataString(next)}");
        using var second = await browser.GetAsync(first.Headers.Location!.OriginalString);

        Assert.Equal("/auth/login", first.Headers.Location.OriginalString);
        Assert.Equal("/", second.Headers.Location?.OriginalString);
        Assert.False(second.Headers.Contains("X-Injected"));
    }

    [Theory]
    [InlineData(AuthMode.Totp)]
    [InlineData(AuthMode.TokenAndTotp)]
    public async Task Outside_token_mode_the_link_only_shows_the_form(AuthMode mode)
    {
        await using var host = await LoginServiceHost.StartAsync(mode);
        var browser = host.NewBrowser();

        using var response = await browser.GetAsync($"/auth/login?token={TestSecrets.Token}");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(TestSecrets.Token, html, StringComparison.Ordinal);
        Assert.Null(browser.Cookie(SessionCookie));
    }

    [Fact]
    public async Task Wrong_link_tokens_count_towards_the_limits_and_the_right_one_still_signs_in()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser("203.0.113.30");
        for (var i = 0; i < 6; i++)
        {
            using var wrong = await browser.GetAsync($"/auth/login?token=guess-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var refused = await browser.GetAsync("/auth/login?token=guess-7");
        using var accepted = await browser.GetAsync($"/auth/login?token={TestSecrets.Token}");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("1", string.Join(",", refused.Headers.GetValues("Retry-After")));
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
    }
}
