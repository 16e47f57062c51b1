using System.Net;
using ShLogin.Configuration;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Endpoints;

public class AuthModeTests
{
    [Fact]
    public async Task Totp_mode_signs_in_with_the_current_code()
    {
        await using var host = await LoginServiceHost.StartAsync(AuthMode.Totp);
        var browser = host.NewBrowser();

        using var response = await browser.LoginAsync(code: TestSecrets.CodeAt(host.Time.GetUtcNow()), next: "/app");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/app", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NoContent, await browser.CheckAsync());
    }

    [Fact]
    public async Task Totp_mode_accepts_the_previous_step_for_clock_drift_but_not_older()
    {
        await using var host = await LoginServiceHost.StartAsync(AuthMode.Totp);
        var now = host.Time.GetUtcNow();

        using var tooOld = await host.NewBrowser().LoginAsync(code: TestSecrets.CodeAt(now.AddSeconds(-60)));
        using var previous = await host.NewBrowser().LoginAsync(code: TestSecrets.CodeAt(now.AddSeconds(-30)));

        Assert.Equal(HttpStatusCode.Unauthorized, tooOld.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, previous.StatusCode);
    }

    [Fact]
    public async Task A_replayed_totp_code_gets_401()
    {
        await using var host = await LoginServiceHost.StartAsync(AuthMode.Totp);
        var code = TestSecrets.CodeAt(host.Time.GetUtcNow());

        using var first = await host.NewBrowser().LoginAsync(code: code);
        host.Time.Advance(TimeSpan.FromSeconds(5));
        var thief = host.NewBrowser("203.0.113.40");
        using var replay = await thief.LoginAsync(code: code);

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await thief.CheckAsync());
    }

    [Fact]
    public async Task Totp_mode_refuses_a_wrong_code_and_a_token()
    {
        await using var host = await LoginServiceHost.StartAsync(AuthMode.Totp);

        using var wrongCode = await host.NewBrowser().LoginAsync(code: TestSecrets.WrongCodeAt(host.Time.GetUtcNow()));
        using var tokenOnly = await host.NewBrowser().LoginAsync(token: TestSecrets.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenOnly.StatusCode);
    }

    [Fact]
    public async Task Token_mode_ignores_a_code()
    {
        await using var host = await LoginServiceHost.StartAsync(AuthMode.Token);

        using var codeOnly = await host.NewBrowser().LoginAsync(code: TestSecrets.CodeAt(host.Time.GetUtcNow()));
        using var tokenAndJunk = await host.NewBrowser().LoginAsync(token: TestSecrets.Token, code: "junk");

        Assert.Equal(HttpStatusCode.Unauthorized, codeOnly.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, tokenAndJunk.StatusCode);
    }

    [Fact]
    public async Task Token_and_totp_mode_needs_both()
    {
        await using var host = await LoginServiceHost.StartAsync(AuthMode.TokenAndTotp);
        var now = host.Time.GetUtcNow();
        var code = TestSecrets.CodeAt(now);

        using var tokenOnly = await host.NewBrowser().LoginAsync(token: TestSecrets.Token);
        using var codeOnly = await host.NewBrowser().LoginAsync(code: code);
        using var wrongToken = await host.NewBrowser().LoginAsync(token: "wrong", code: code);
        using var wrongCode = await host.NewBrowser().LoginAsync(token: TestSecrets.Token, code: TestSecrets.WrongCodeAt(now));
        var browser = host.NewBrowser();
        using var both = await browser.LoginAsync(token: TestSecrets.Token, code: code);

        Assert.Equal(HttpStatusCode.Unauthorized, tokenOnly.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, codeOnly.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, both.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, await browser.CheckAsync());
    }

    [Fact]
    public async Task Token_and_totp_mode_rejects_a_replayed_code_even_with_the_token()
    {
        await using var host = await LoginServiceHost.StartAsync(AuthMode.TokenAndTotp);
        var code = TestSecrets.CodeAt(host.Time.GetUtcNow());

        using var first = await host.NewBrowser().LoginAsync(TestSecrets.Token, code);
        using var replay = await host.NewBrowser().LoginAsync(TestSecrets.Token, code);

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }
}
