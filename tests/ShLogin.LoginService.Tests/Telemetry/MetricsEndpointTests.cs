using System.Net;
using ShLogin.Configuration;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Telemetry;

public class MetricsEndpointTests
{
    private const string SessionCookie = LoginServiceOptions.DefaultCookieName;
    private const string Path = "/auth/metrics";

    [Fact]
    public async Task Without_a_session_the_answer_is_401_with_no_body_and_never_a_redirect()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();
        using var wrong = await browser.LoginAsync("not-the-token");

        using var response = await browser.GetAsync(Path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Empty(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Garbage_and_forged_cookies_get_401()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var signedIn = host.NewBrowser();
        using var login = await signedIn.LoginAsync(TestSecrets.Token);
        var valid = signedIn.Cookie(SessionCookie)!;
        var hostile = new HostileInput(seed: 7103);
        var candidates = new List<string> { "", "x", "CfDJ8", valid + "A", valid[..^2], valid.ToUpperInvariant() };
        for (var i = 0; i < 40; i++)
        {
            candidates.Add(hostile.Chance(0.5) ? hostile.Mutate(valid) : hostile.HeaderText());
        }

        foreach (var cookie in candidates.Where(c => c != valid && c.All(ch => ch is >= ' ' and <= '~' and not ';')))
        {
            var browser = host.NewBrowser();
            browser.SetCookie(SessionCookie, cookie);
            using var response = await browser.GetAsync(Path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"cookie '{cookie}' got {response.StatusCode}");
            Assert.Null(response.Headers.Location);
        }

        // The real cookie still works: the 401s were about the cookies, not the endpoint.
        using var allowed = await signedIn.GetAsync(Path);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task An_expired_or_logged_out_session_gets_401()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var expiring = host.NewBrowser();
        using var first = await expiring.LoginAsync(TestSecrets.Token);
        var leaving = host.NewBrowser();
        using var second = await leaving.LoginAsync(TestSecrets.Token);
        var leavingCookie = leaving.Cookie(SessionCookie)!;
        var antiforgery = await leaving.AntiforgeryTokenFromAsync("/auth/logout");
        using var logout = await leaving.PostFormAsync("/auth/logout", [new(FormBrowser.AntiforgeryField, antiforgery)]);
        leaving.SetCookie(SessionCookie, leavingCookie);

        using var loggedOut = await leaving.GetAsync(Path);
        using var beforeExpiry = await expiring.GetAsync(Path);
        host.Time.Advance(host.Options.SessionTtl + TimeSpan.FromSeconds(1));
        using var expired = await expiring.GetAsync(Path);

        Assert.Equal(HttpStatusCode.Unauthorized, loggedOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, beforeExpiry.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_session_gets_the_metrics_in_prometheus_text()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();
        using var wrong1 = await browser.LoginAsync("guess-1");
        using var wrong2 = await browser.LoginAsync("guess-2");
        using var login = await browser.LoginAsync(TestSecrets.Token);
        Assert.Equal(HttpStatusCode.NoContent, await browser.CheckAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await host.NewBrowser().CheckAsync());

        using var response = await browser.GetAsync(Path);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Null(response.Headers.Location);
        var families = PrometheusText.Parse(text);

        Assert.Equal("counter", families["shlogin_sign_ins_total"].Type);
        Assert.Equal(1, families["shlogin_sign_ins_total"].Value(labels: ("method", "token")));
        Assert.Equal(2, families["shlogin_sign_in_failures_total"].Value(labels: ("reason", "bad_token")));
        Assert.Equal(1, families["shlogin_auth_checks_total"].Value(labels: ("result", "allowed")));
        Assert.Equal(1, families["shlogin_auth_checks_total"].Value(labels: ("result", "denied")));
        Assert.Equal("gauge", families["shlogin_active_sessions"].Type);
        Assert.Equal(1, families["shlogin_active_sessions"].Value());

        var duration = families["shlogin_auth_check_duration_seconds"];
        Assert.Equal("histogram", duration.Type);
        Assert.Equal(1, duration.Value("shlogin_auth_check_duration_seconds_count", ("result", "allowed")));
        Assert.Equal(1, duration.Value("shlogin_auth_check_duration_seconds_bucket", ("result", "allowed"), ("le", "+Inf")));
        Assert.Contains(duration.Samples, s => s.Label("le") == "0.001");
        Assert.All(families.Values, family => Assert.False(string.IsNullOrEmpty(family.Help), $"{family.Name} has no HELP"));
        Assert.DoesNotContain(TestSecrets.Token, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_numbers_follow_what_happens_between_two_scrapes()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();
        using var login = await browser.LoginAsync(TestSecrets.Token);
        using var before = await browser.GetAsync(Path);
        var first = PrometheusText.Parse(await before.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var other = host.NewBrowser();
        using var second = await other.LoginAsync(TestSecrets.Token);
        var antiforgery = await other.AntiforgeryTokenFromAsync("/auth/logout");
        using var logout = await other.PostFormAsync("/auth/logout", [new(FormBrowser.AntiforgeryField, antiforgery)]);
        using var after = await browser.GetAsync(Path);
        var next = PrometheusText.Parse(await after.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(1, first["shlogin_sign_ins_total"].Value(labels: ("method", "token")));
        Assert.Equal(2, next["shlogin_sign_ins_total"].Value(labels: ("method", "token")));
        Assert.Empty(first["shlogin_sessions_revoked_total"].Samples);
        Assert.Equal(1, next["shlogin_sessions_revoked_total"].Value(labels: ("reason", "logout")));
        Assert.Equal(1, next["shlogin_active_sessions"].Value());
    }
}
