using System.Net;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Endpoints;

public class BruteForceTests
{
    [Fact]
    public async Task A_burst_of_wrong_tokens_gets_429_with_retry_after_while_another_client_still_signs_in()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var attacker = host.NewBrowser("203.0.113.66");
        for (var i = 0; i < 6; i++)
        {
            using var wrong = await attacker.LoginAsync($"guess-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var blocked = await attacker.LoginAsync("guess-7");
        var html = await blocked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), blocked.Headers.RetryAfter?.Delta);
        Assert.Contains("Too many wrong tokens", html, StringComparison.Ordinal);

        var user = host.NewBrowser("198.51.100.10");
        using var login = await user.LoginAsync(TestSecrets.Token);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
    }

    [Fact]
    public async Task A_locked_out_client_gets_429_for_wrong_tokens_but_the_right_token_signs_in_at_once()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser("203.0.113.67");
        for (var i = 0; i < 6; i++)
        {
            using var wrong = await browser.LoginAsync($"guess-{i}");
        }

        host.Time.Advance(TimeSpan.FromSeconds(1));
        using var seventh = await browser.LoginAsync("guess-7");
        Assert.Equal(HttpStatusCode.Unauthorized, seventh.StatusCode);

        using var refused = await browser.LoginAsync("guess-8");
        var html = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("The right token still works", html, StringComparison.Ordinal);

        using var accepted = await browser.LoginAsync(TestSecrets.Token);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
    }

    [Fact]
    public async Task A_successful_login_resets_the_client()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser("203.0.113.68");
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await browser.LoginAsync($"guess-{i}");
        }

        using var login = await browser.LoginAsync(TestSecrets.Token);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        browser.ForgetCookie(LoginServiceOptions.DefaultCookieName);

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await browser.LoginAsync($"again-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
    }

    [Fact]
    public async Task A_distributed_attack_turns_wrong_tokens_into_429_while_the_right_token_still_signs_in()
    {
        await using var host = await LoginServiceHost.StartAsync();
        for (var bot = 0; bot < 4; bot++)
        {
            var attacker = host.NewBrowser($"203.0.113.{100 + bot}");
            for (var i = 0; i < 5; i++)
            {
                using var wrong = await attacker.LoginAsync($"guess-{bot}-{i}");
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            }
        }

        var late = host.NewBrowser("203.0.113.200");
        using var refused = await late.LoginAsync("guess-late");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6));

        var user = host.NewBrowser("198.51.100.11");
        using var accepted = await user.LoginAsync(TestSecrets.Token);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
    }
}
