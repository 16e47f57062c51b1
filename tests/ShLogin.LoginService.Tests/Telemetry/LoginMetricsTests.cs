using System.Net;
using ShLogin.Configuration;
using ShLogin.LoginService.Telemetry;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Telemetry;

/// <summary>Each instrument moves when its action really happens over HTTP, and only then.</summary>
public class LoginMetricsTests
{
    private const string SessionCookie = LoginServiceOptions.DefaultCookieName;

    // Every value a tag may take: anything else (a token, a code, an address) would be a leak.
    private static readonly HashSet<string> AllowedTagValues =
    [
        "token", "totp", "token+totp", "link",
        "bad_token", "bad_code", "replayed_code", "antiforgery", "bad_form",
        "code", "logout", "replaced", "allowed", "denied",
    ];

    [Theory]
    [InlineData(AuthMode.Token, "token")]
    [InlineData(AuthMode.Totp, "totp")]
    [InlineData(AuthMode.TokenAndTotp, "token+totp")]
    public async Task A_sign_in_counts_once_with_its_method(AuthMode mode, string method)
    {
        await using var host = await LoginServiceHost.StartAsync(mode);
        using var metrics = new MetricsRecorder(host);
        var browser = host.NewBrowser();

        using var login = await browser.LoginAsync(
            host.Options.RequiresToken ? TestSecrets.Token : null,
            host.Options.RequiresTotp ? TestSecrets.CodeAt(host.Time.GetUtcNow()) : null);

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        var signIn = Assert.Single(metrics.Of(LoginMetrics.SignInsName));
        Assert.Equal(1, signIn.Value);
        Assert.Equal(method, signIn.Tags["method"]);
        Assert.Empty(metrics.Of(LoginMetrics.SignInFailuresName));
        Assert.Equal(1, metrics.Observe(LoginMetrics.ActiveSessionsName));
    }

    [Fact]
    public async Task The_terminal_link_counts_as_a_link_sign_in()
    {
        await using var host = await LoginServiceHost.StartAsync();
        using var metrics = new MetricsRecorder(host);
        var browser = host.NewBrowser();

        using var login = await browser.GetAsync($"/auth/login?token={TestSecrets.Token}");

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal(1, metrics.Sum(LoginMetrics.SignInsName, "method", "link"));
        Assert.Equal(1, metrics.Sum(LoginMetrics.SignInsName));
    }

    [Fact]
    public async Task Wrong_tokens_count_as_bad_token_and_a_throttled_one_as_throttled_only()
    {
        await using var host = await LoginServiceHost.StartAsync();
        using var metrics = new MetricsRecorder(host);
        var attacker = host.NewBrowser("203.0.113.70");

        for (var i = 0; i < 6; i++)
        {
            using var wrong = await attacker.LoginAsync($"guess-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        Assert.Equal(6, metrics.Sum(LoginMetrics.SignInFailuresName, "reason", "bad_token"));
        Assert.Empty(metrics.Of(LoginMetrics.ThrottledSignInsName));

        using var blocked = await attacker.LoginAsync("guess-7");

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        var throttled = Assert.Single(metrics.Of(LoginMetrics.ThrottledSignInsName));
        Assert.Equal("token", throttled.Tags["budget"]);
        Assert.Equal(6, metrics.Sum(LoginMetrics.SignInFailuresName));
        Assert.Empty(metrics.Of(LoginMetrics.SignInsName));
    }

    [Fact]
    public async Task A_wrong_code_and_a_replayed_code_are_told_apart()
    {
        await using var host = await LoginServiceHost.StartAsync(AuthMode.Totp);
        using var metrics = new MetricsRecorder(host);
        var code = TestSecrets.CodeAt(host.Time.GetUtcNow());

        using var wrong = await host.NewBrowser().LoginAsync(code: TestSecrets.WrongCodeAt(host.Time.GetUtcNow()));
        using var first = await host.NewBrowser().LoginAsync(code: code);
        using var replayed = await host.NewBrowser().LoginAsync(code: code);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(1, metrics.Sum(LoginMetrics.SignInFailuresName, "reason", "bad_code"));
        Assert.Equal(1, metrics.Sum(LoginMetrics.SignInFailuresName, "reason", "replayed_code"));
        Assert.Equal(1, metrics.Sum(LoginMetrics.SignInsName, "method", "totp"));
    }

    [Fact]
    public async Task A_form_without_antiforgery_and_a_non_form_count_as_such()
    {
        await using var host = await LoginServiceHost.StartAsync();
        using var metrics = new MetricsRecorder(host);
        var browser = host.NewBrowser();

        using var forged = await browser.PostFormAsync("/auth/login", [new("token", TestSecrets.Token)]);
        using var notAForm = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = new StringContent("token=x") });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAForm.StatusCode);
        Assert.Equal(1, metrics.Sum(LoginMetrics.SignInFailuresName, "reason", "antiforgery"));
        Assert.Equal(1, metrics.Sum(LoginMetrics.SignInFailuresName, "reason", "bad_form"));
        Assert.Empty(metrics.Of(LoginMetrics.SignInsName));
    }

    [Fact]
    public async Task A_logout_revokes_one_session_and_the_active_count_drops()
    {
        await using var host = await LoginServiceHost.StartAsync();
        using var metrics = new MetricsRecorder(host);
        var browser = host.NewBrowser();
        using var login = await browser.LoginAsync(TestSecrets.Token);
        Assert.Equal(1, metrics.Observe(LoginMetrics.ActiveSessionsName));

        var antiforgery = await browser.AntiforgeryTokenFromAsync("/auth/logout");
        using var logout = await browser.PostFormAsync("/auth/logout", [new(FormBrowser.AntiforgeryField, antiforgery)]);
        // A second click on a stale page revokes nothing more.
        using var again = await browser.PostFormAsync("/auth/logout", [new(FormBrowser.AntiforgeryField, antiforgery)]);

        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        var revoked = Assert.Single(metrics.Of(LoginMetrics.SessionsRevokedName));
        Assert.Equal("logout", revoked.Tags["reason"]);
        Assert.Equal(0, metrics.Observe(LoginMetrics.ActiveSessionsName));
    }

    [Fact]
    public async Task Signing_in_again_counts_the_old_session_as_replaced()
    {
        await using var host = await LoginServiceHost.StartAsync();
        using var metrics = new MetricsRecorder(host);
        var browser = host.NewBrowser();
        using var first = await browser.GetAsync($"/auth/login?token={TestSecrets.Token}");
        var oldCookie = browser.Cookie(SessionCookie);

        using var second = await browser.GetAsync($"/auth/login?token={TestSecrets.Token}");

        Assert.NotEqual(oldCookie, browser.Cookie(SessionCookie));
        Assert.Equal(1, metrics.Sum(LoginMetrics.SessionsRevokedName, "reason", "replaced"));
        Assert.Equal(2, metrics.Sum(LoginMetrics.SignInsName, "method", "link"));
        Assert.Equal(1, metrics.Observe(LoginMetrics.ActiveSessionsName));
    }

    [Fact]
    public async Task Checks_count_by_result_and_each_one_records_its_duration()
    {
        await using var host = await LoginServiceHost.StartAsync();
        using var metrics = new MetricsRecorder(host);
        var browser = host.NewBrowser();

        Assert.Equal(HttpStatusCode.Unauthorized, await browser.CheckAsync());
        using var login = await browser.LoginAsync(TestSecrets.Token);
        Assert.Equal(HttpStatusCode.NoContent, await browser.CheckAsync());
        Assert.Equal(HttpStatusCode.NoContent, await browser.CheckAsync());

        Assert.Equal(1, metrics.Sum(LoginMetrics.AuthChecksName, "result", "denied"));
        Assert.Equal(2, metrics.Sum(LoginMetrics.AuthChecksName, "result", "allowed"));
        var durations = metrics.Of(LoginMetrics.AuthCheckDurationName);
        Assert.Equal(3, durations.Count);
        Assert.All(durations, d => Assert.InRange(d.Value, 0, 30));
        Assert.Equal(2, durations.Count(d => d.Tags["result"] == "allowed"));
    }

    [Fact]
    public async Task A_browser_sent_to_the_login_page_counts_as_a_redirect()
    {
        await using var host = await LoginServiceHost.StartAsync();
        using var metrics = new MetricsRecorder(host);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/signin-redirect");
        request.Headers.Add("X-Original-URI", "/lab");

        using var response = await host.NewBrowser().SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(1, metrics.Sum(LoginMetrics.SignInRedirectsName));
    }

    [Fact]
    public async Task No_tag_ever_carries_a_secret_a_code_or_an_address()
    {
        await using var host = await LoginServiceHost.StartAsync(AuthMode.TokenAndTotp);
        using var metrics = new MetricsRecorder(host);
        var address = "198.51.100.77";
        var browser = host.NewBrowser(address);
        var code = TestSecrets.CodeAt(host.Time.GetUtcNow());

        using var wrongToken = await browser.LoginAsync("not-the-token", code);
        using var wrongCode = await browser.LoginAsync(TestSecrets.Token, TestSecrets.WrongCodeAt(host.Time.GetUtcNow()));
        using var login = await browser.LoginAsync(TestSecrets.Token, code);
        using var replay = await host.NewBrowser(address).LoginAsync(TestSecrets.Token, code);
        await browser.CheckAsync();
        await host.NewBrowser(address).CheckAsync();

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        var values = metrics.Measurements.SelectMany(m => m.Tags.Values).ToList();
        Assert.NotEmpty(values);
        Assert.All(values, value => Assert.True(AllowedTagValues.Contains(value!), $"tag value '{value}'"));
        Assert.All(metrics.Measurements.SelectMany(m => m.Tags.Keys), key => Assert.Contains(key, (string[])["method", "reason", "budget", "result"]));
    }
}
