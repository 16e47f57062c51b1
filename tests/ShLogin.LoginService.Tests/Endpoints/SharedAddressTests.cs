using System.Net;
using ShLogin.Configuration;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Endpoints;

/// <summary>
/// An attacker and the real user arrive from the same address, as everyone does through an SSH
/// tunnel (nginx reports 127.0.0.1 for both). The attacker loops wrong credentials every 0.3 s;
/// the user must still get in.
/// </summary>
public class SharedAddressTests
{
    private const string TunnelAddress = "127.0.0.1";
    private static readonly TimeSpan AttackerInterval = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_loop_of_wrong_tokens_never_refuses_the_right_token_in_the_form()
    {
        await using var host = await LoginServiceHost.StartAsync();
        using var attacker = host.NewBrowser(TunnelAddress);
        var antiforgery = await attacker.AntiforgeryTokenFromAsync("/auth/login");
        var throttled = 0;
        for (var attempt = 1; attempt <= 200; attempt++)
        {
            using var wrong = await attacker.PostFormAsync("/auth/login", [new(FormBrowser.AntiforgeryField, antiforgery), new("token", $"guess-{attempt}")]);
            Assert.Contains(wrong.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests });
            throttled += wrong.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
            if (attempt % 20 == 0)
            {
                using var user = host.NewBrowser(TunnelAddress);
                using var login = await user.LoginAsync(TestSecrets.Token, next: "/lab");
                Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
                Assert.Equal("/lab", login.Headers.Location?.OriginalString);
                Assert.Equal(HttpStatusCode.NoContent, await user.CheckAsync());
            }

            host.Time.Advance(AttackerInterval);
        }

        Assert.True(throttled > 150, $"only {throttled} of 200 wrong tokens were throttled");
    }

    [Fact]
    public async Task A_loop_of_wrong_one_click_tokens_never_refuses_the_right_one_click_link()
    {
        await using var host = await LoginServiceHost.StartAsync();
        using var attacker = host.NewBrowser(TunnelAddress);
        for (var attempt = 1; attempt <= 200; attempt++)
        {
            using var wrong = await attacker.GetAsync($"/auth/login?token=guess-{attempt}");
            Assert.Contains(wrong.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests });
            if (attempt % 20 == 0)
            {
                using var user = host.NewBrowser(TunnelAddress);
                using var login = await user.GetAsync($"/auth/login?token={TestSecrets.Token}");
                Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
                Assert.Equal(HttpStatusCode.NoContent, await user.CheckAsync());
            }

            host.Time.Advance(AttackerInterval);
        }

        using var stillSlowed = await attacker.GetAsync("/auth/login?token=one-more-guess");
        Assert.Equal(HttpStatusCode.TooManyRequests, stillSlowed.StatusCode);
    }

    [Fact]
    public async Task In_token_and_totp_mode_1000_wrong_tokens_leave_the_code_budget_untouched()
    {
        await using var host = await LoginServiceHost.StartAsync(AuthMode.TokenAndTotp);
        using var attacker = host.NewBrowser(TunnelAddress);
        var antiforgery = await attacker.AntiforgeryTokenFromAsync("/auth/login");
        for (var attempt = 1; attempt <= 1000; attempt++)
        {
            var code = TestSecrets.WrongCodeAt(host.Time.GetUtcNow());
            using var wrong = await attacker.PostFormAsync(
                "/auth/login", [new(FormBrowser.AntiforgeryField, antiforgery), new("token", $"guess-{attempt}"), new("code", code)]);
            Assert.Contains(wrong.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests });
            host.Time.Advance(AttackerInterval);
        }

        // The code budget is whole: the user may mistype five codes without waiting, and then gets in.
        using var user = host.NewBrowser(TunnelAddress);
        for (var typo = 0; typo < 5; typo++)
        {
            using var mistyped = await user.LoginAsync(TestSecrets.Token, TestSecrets.WrongCodeAt(host.Time.GetUtcNow()));
            Assert.Equal(HttpStatusCode.Unauthorized, mistyped.StatusCode);
        }

        using var login = await user.LoginAsync(TestSecrets.Token, TestSecrets.CodeAt(host.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
    }

    [Fact]
    public async Task In_totp_mode_a_loop_of_wrong_codes_makes_no_one_wait_more_than_30_seconds()
    {
        await using var host = await LoginServiceHost.StartAsync(AuthMode.Totp);
        using var attacker = host.NewBrowser(TunnelAddress);
        var antiforgery = await attacker.AntiforgeryTokenFromAsync("/auth/login");
        var longestWait = TimeSpan.Zero;
        for (var attempt = 1; attempt <= 300; attempt++)
        {
            using var wrong = await attacker.PostFormAsync(
                "/auth/login", [new(FormBrowser.AntiforgeryField, antiforgery), new("code", TestSecrets.WrongCodeAt(host.Time.GetUtcNow()))]);
            if (wrong.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var wait = wrong.Headers.RetryAfter!.Delta!.Value;
                longestWait = wait > longestWait ? wait : longestWait;
            }

            host.Time.Advance(AttackerInterval);
        }

        Assert.InRange(longestWait, TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(30));

        // The guessing stops; the user is told to wait at most 30 s and then gets in.
        using var user = host.NewBrowser(TunnelAddress);
        using var refused = await user.LoginAsync(code: TestSecrets.CodeAt(host.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var userWait = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(userWait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

        host.Time.Advance(userWait);
        using var login = await user.LoginAsync(code: TestSecrets.CodeAt(host.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
    }
}
