using System.Net;
using ShLogin.IntegrationTests.Nginx;
using ShLogin.Nginx;
using ShLogin.Stack;
using ShLogin.Supervisor.Processes;

namespace ShLogin.IntegrationTests.Serve;

/// <summary>
/// <c>sh-login serve</c> behind a real nginx configured by <c>sh-login nginx-conf</c>: sign-in,
/// the app, sign-out, a dead login service and a restart, as a browser sees them.
/// </summary>
public sealed class ServeBehindNginxTests
{
    private const string SessionCookie = "shlogin_session";
    private const string Target = "/lab/tree?a=1&b=2";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_browser_signs_in_through_the_form_reaches_the_app_and_signs_out(bool unixSocket)
    {
        await using var site = await ServedSite.StartAsync(unixSocket);
        using var browser = site.NewBrowser();

        using var unauthenticated = await browser.GetAsync(Target);
        Assert.Equal(HttpStatusCode.Redirect, unauthenticated.StatusCode);
        var loginPage = unauthenticated.Headers.Location!.OriginalString;
        Assert.Equal($"/auth/login?next={Uri.EscapeDataString(Target)}", loginPage);
        Assert.Equal("/auth/login?next=%2Flab%2Ftree%3Fa%3D1%26b%3D2", loginPage);
        Assert.Empty(site.App.Requests);

        using var login = await browser.SubmitFormAsync(loginPage, ("token", ServedSite.Token));
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal(Target, login.Headers.Location!.OriginalString);
        var sessionCookie = browser.Cookie(SessionCookie);
        Assert.NotNull(sessionCookie);

        using var app = await browser.GetAsync(Target);
        Assert.Equal(HttpStatusCode.OK, app.StatusCode);
        Assert.Contains(AppStub.ContentMarker, await app.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var appRequest = Assert.Single(site.App.Requests);
        Assert.Equal(Target, appRequest.RawTarget);
        Assert.Equal("token-user", appRequest.Header(NginxAuthContract.UserHeader));

        using var logout = await browser.SubmitFormAsync("/auth/logout");
        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        Assert.Equal("/auth/login", logout.Headers.Location!.OriginalString);
        Assert.Null(browser.Cookie(SessionCookie));

        using var replay = site.NewBrowser();
        replay.SetCookie(SessionCookie, sessionCookie);
        using var afterLogout = await replay.GetAsync(Target);
        Assert.Equal(HttpStatusCode.Redirect, afterLogout.StatusCode);
        Assert.Equal(loginPage, afterLogout.Headers.Location!.OriginalString);
        Assert.Single(site.App.Requests);
    }

    [Fact]
    public async Task A_wrong_token_through_nginx_gets_the_form_again_and_no_session()
    {
        await using var site = await ServedSite.StartAsync(unixSocket: false);
        using var browser = site.NewBrowser();

        using var login = await browser.SubmitFormAsync("/auth/login?next=%2Ftree", ("token", "not-the-token-0123456789abcdef"));
        using var app = await browser.GetAsync("/tree");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Null(browser.Cookie(SessionCookie));
        Assert.Equal(HttpStatusCode.Redirect, app.StatusCode);
        Assert.Empty(site.App.Requests);
    }

    [Fact]
    public async Task Wrong_tokens_from_the_users_own_address_do_not_keep_the_right_token_out()
    {
        // nginx reports 127.0.0.1 for the attacker and for the user, as for everyone behind an SSH tunnel.
        await using var site = await ServedSite.StartAsync(unixSocket: true);
        using var attacker = site.NewBrowser();
        var throttled = 0;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var wrong = await attacker.GetAsync($"/auth/login?token=guess-{attempt}-0123456789abcdef");
            Assert.Contains(wrong.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests });
            throttled += wrong.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        Assert.True(throttled > 0, "twenty wrong tokens in a row were never throttled");

        using var linkUser = site.NewBrowser();
        using var link = await linkUser.GetAsync($"/auth/login?token={ServedSite.Token}&next=%2Ftree");
        Assert.Equal(HttpStatusCode.SeeOther, link.StatusCode);
        using var linkApp = await linkUser.GetAsync("/tree");
        Assert.Equal(HttpStatusCode.OK, linkApp.StatusCode);

        using var formUser = site.NewBrowser();
        using var form = await formUser.SubmitFormAsync("/auth/login?next=%2Ftree", ("token", ServedSite.Token));
        Assert.Equal(HttpStatusCode.SeeOther, form.StatusCode);
        using var formApp = await formUser.GetAsync("/tree");
        Assert.Equal(HttpStatusCode.OK, formApp.StatusCode);

        using var stillSlowed = await attacker.GetAsync("/auth/login?token=one-more-guess-0123456789abcdef");
        Assert.Equal(HttpStatusCode.TooManyRequests, stillSlowed.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Without_the_login_service_the_app_is_not_served_and_a_restart_keeps_the_session(bool unixSocket)
    {
        await using var site = await ServedSite.StartAsync(unixSocket);
        using var browser = site.NewBrowser();
        using var login = await browser.SubmitFormAsync("/auth/login", ("token", ServedSite.Token));
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        using var before = await browser.GetAsync(Target);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await site.Serve.KillAsync();
        using var down = await browser.GetAsync(Target);
        var downBody = await down.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True((int)down.StatusCode >= 500, $"{down.StatusCode}: {downBody}");
        Assert.DoesNotContain(AppStub.ContentMarker, downBody, StringComparison.Ordinal);
        Assert.Null(down.Headers.Location);
        Assert.Single(site.App.Requests);

        await site.StartServeAsync();
        using var after = await browser.GetAsync(Target);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains(AppStub.ContentMarker, await after.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(2, site.App.Requests.Count);
    }

    [Theory]
    [InlineData(Signals.SigTerm)]
    [InlineData(Signals.SigInt)]
    public async Task A_signal_stops_serve_cleanly_with_exit_code_0(int signal)
    {
        await using var site = await ServedSite.StartAsync(unixSocket: true);
        using var browser = site.NewBrowser();
        using var page = await browser.GetAsync("/auth/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var exitCode = await site.Serve.StopAsync(signal);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{site.Serve.Output}\n{site.Serve.Errors}");
        Assert.Equal(string.Empty, site.Serve.Errors);
        Assert.False(File.Exists(site.SocketPath));
    }
}
