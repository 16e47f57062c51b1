using System.Net;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Endpoints;

public class LoginPostTests
{
    private const string SessionCookie = LoginServiceOptions.DefaultCookieName;

    public static TheoryData<string> OpenRedirectAttempts => new()
    {
        "//evil.example",
        "//evil.example/path",
        "/\\evil.example",
        "\\\\evil.example",
        "https://evil.example",
        "http:evil.example",
        "/%2F%2Fevil.example",
        "/%5Cevil.example",
        "/%252F%252Fevil.example",
        "/\r\nLocation: https://evil.example",
        "/%0d%0aSet-Cookie:%20x=y",
        "/\t/evil.example",
        "javascript:alert(document.cookie)",
        "",
        "/" + new string('a', 5000),
        "/évil",
        "evil.example",
    };

    [Fact]
    public async Task The_right_token_sets_the_session_cookie_and_goes_to_next()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();

        using var response = await browser.LoginAsync(TestSecrets.Token, next: "/lab/tree?x=1");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/lab/tree?x=1", response.Headers.Location?.OriginalString);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var cookie = Assert.Single(browser.LastSetCookies, c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        Assert.Contains("path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestSecrets.Token, cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_next_the_login_goes_to_the_root()
    {
        await using var host = await LoginServiceHost.StartAsync();

        using var response = await host.NewBrowser().LoginAsync(TestSecrets.Token);

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(OpenRedirectAttempts))]
    public async Task Open_redirect_attempts_land_on_the_root(string next)
    {
        await using var host = await LoginServiceHost.StartAsync();

        using var response = await host.NewBrowser().LoginAsync(TestSecrets.Token, next: next);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_token_gets_401_with_the_form_and_a_message_and_no_session()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();

        using var response = await browser.LoginAsync("wrong-token-value", next: "/lab");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("not valid", html, StringComparison.Ordinal);
        Assert.Contains("name=\"next\" value=\"/lab\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token-value", html, StringComparison.Ordinal);
        Assert.NotEmpty(FormBrowser.AntiforgeryTokenIn(html));
        Assert.Null(browser.Cookie(SessionCookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.CheckAsync());
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(8000)]
    public async Task An_oversized_token_fails(int length)
    {
        await using var host = await LoginServiceHost.StartAsync();

        using var response = await host.NewBrowser().LoginAsync(TestSecrets.Token + new string('a', length));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("é")]
    [InlineData("\u200B")]
    [InlineData("\u0001")]
    [InlineData("\u007F")]
    public async Task A_token_with_non_ASCII_or_control_characters_fails(string extra)
    {
        await using var host = await LoginServiceHost.StartAsync();

        using var response = await host.NewBrowser().LoginAsync(TestSecrets.Token + extra);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_form_with_a_NUL_character_is_a_bad_request()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();

        using var response = await browser.LoginAsync(TestSecrets.Token + "\0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(browser.Cookie(SessionCookie));
    }

    [Fact]
    public async Task Oversized_and_non_ASCII_tokens_count_as_attempts()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser("203.0.113.20");
        for (var i = 0; i < 3; i++)
        {
            using var oversized = await browser.LoginAsync(new string('x', 4096));
            using var nonAscii = await browser.LoginAsync("tökén");
        }

        using var response = await browser.LoginAsync("one-more-wrong-token");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task A_missing_antiforgery_field_gets_400_and_no_session()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();
        using var form = await browser.GetAsync("/auth/login");

        using var response = await browser.PostFormAsync("/auth/login", [new("token", TestSecrets.Token), new("next", "/lab")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(browser.Cookie(SessionCookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.CheckAsync());
    }

    [Fact]
    public async Task A_wrong_antiforgery_value_gets_400()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();
        var token = await browser.AntiforgeryTokenFromAsync("/auth/login");

        using var response = await browser.PostFormAsync("/auth/login", [new(FormBrowser.AntiforgeryField, token[..^2] + "xx"), new("token", TestSecrets.Token)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(browser.Cookie(SessionCookie));
    }

    [Fact]
    public async Task An_antiforgery_field_without_its_cookie_gets_400()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();
        var token = await browser.AntiforgeryTokenFromAsync("/auth/login");
        browser.ForgetCookie("shlogin_session_af");

        using var response = await browser.PostFormAsync("/auth/login", [new(FormBrowser.AntiforgeryField, token), new("token", TestSecrets.Token)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(browser.Cookie(SessionCookie));
    }

    [Fact]
    public async Task An_antiforgery_pair_from_another_browser_gets_400()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var attacker = host.NewBrowser();
        var token = await attacker.AntiforgeryTokenFromAsync("/auth/login");
        var victim = host.NewBrowser();
        using var victimForm = await victim.GetAsync("/auth/login");

        using var response = await victim.PostFormAsync("/auth/login", [new(FormBrowser.AntiforgeryField, token), new("token", TestSecrets.Token)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_post_that_is_not_a_form_gets_400()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = new StringContent("{\"token\":\"x\"}", System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_new_login_replaces_the_previous_session()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();
        using var first = await browser.LoginAsync(TestSecrets.Token);
        var firstCookie = browser.Cookie(SessionCookie)!;

        // The form is not shown to a signed-in browser; the terminal's link still signs in again.
        using var second = await browser.GetAsync("/auth/login?token=" + TestSecrets.Token);

        Assert.NotEqual(firstCookie, browser.Cookie(SessionCookie));
        Assert.Equal(HttpStatusCode.NoContent, await browser.CheckAsync());
        browser.SetCookie(SessionCookie, firstCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.CheckAsync());
    }
}
