using System.Net;
using ShLogin.Configuration;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Hosting;

public class RestartTests
{
    private const string SessionCookie = LoginServiceOptions.DefaultCookieName;

    [Fact]
    public async Task A_restarted_service_with_the_same_data_directory_keeps_sessions_and_revocations()
    {
        using var directory = new TemporaryDirectory();
        var time = LoginServiceHost.NewClock();
        var options = LoginServiceHost.OptionsFor(AuthMode.Token, directory.Combine("data"), time);
        string kept;
        string revoked;
        await using (var before = await LoginServiceHost.StartAsync(options))
        {
            var browser = before.NewBrowser();
            using var first = await browser.LoginAsync(TestSecrets.Token);
            revoked = browser.Cookie(SessionCookie)!;
            var antiforgery = await browser.AntiforgeryTokenFromAsync("/auth/logout");
            using var logout = await browser.PostFormAsync("/auth/logout", [new(FormBrowser.AntiforgeryField, antiforgery)]);
            using var second = await browser.LoginAsync(TestSecrets.Token);
            kept = browser.Cookie(SessionCookie)!;
        }

        await using var after = await LoginServiceHost.StartAsync(options);
        var returning = after.NewBrowser();

        returning.SetCookie(SessionCookie, kept);
        Assert.Equal(HttpStatusCode.NoContent, await returning.CheckAsync());
        returning.SetCookie(SessionCookie, revoked);
        Assert.Equal(HttpStatusCode.Unauthorized, await returning.CheckAsync());
    }

    [Fact]
    public async Task An_antiforgery_token_from_before_a_restart_still_works()
    {
        using var directory = new TemporaryDirectory();
        var options = LoginServiceHost.OptionsFor(AuthMode.Token, directory.Combine("data"), LoginServiceHost.NewClock());
        string antiforgeryCookie;
        string antiforgeryField;
        await using (var before = await LoginServiceHost.StartAsync(options))
        {
            var browser = before.NewBrowser();
            antiforgeryField = await browser.AntiforgeryTokenFromAsync("/auth/login");
            antiforgeryCookie = browser.Cookie("shlogin_session_af")!;
        }

        await using var after = await LoginServiceHost.StartAsync(options);
        var sameBrowser = after.NewBrowser();
        sameBrowser.SetCookie("shlogin_session_af", antiforgeryCookie);

        using var response = await sameBrowser.PostFormAsync("/auth/login", [new(FormBrowser.AntiforgeryField, antiforgeryField), new("token", TestSecrets.Token)]);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    [Fact]
    public async Task A_totp_code_used_before_a_restart_is_refused_after_it()
    {
        using var directory = new TemporaryDirectory();
        var time = LoginServiceHost.NewClock();
        var options = LoginServiceHost.OptionsFor(AuthMode.Totp, directory.Combine("data"), time);
        var code = TestSecrets.CodeAt(time.GetUtcNow());
        await using (var before = await LoginServiceHost.StartAsync(options))
        {
            using var first = await before.NewBrowser().LoginAsync(code: code);
            Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        }

        await using var after = await LoginServiceHost.StartAsync(options);
        var thief = after.NewBrowser("203.0.113.41");
        using var replay = await thief.LoginAsync(code: code);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await thief.CheckAsync());
        using var next = await after.NewBrowser().LoginAsync(code: TestSecrets.CodeAt(time.GetUtcNow().AddSeconds(30)));
        Assert.Equal(HttpStatusCode.SeeOther, next.StatusCode);
    }
}
