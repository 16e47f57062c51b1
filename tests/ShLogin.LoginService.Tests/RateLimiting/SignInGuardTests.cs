using Microsoft.Extensions.Time.Testing;
using ShLogin.Configuration;
using ShLogin.LoginService.RateLimiting;
using ShLogin.LoginService.Security;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.RateLimiting;

/// <summary>
/// An attacker and the user behind the same address (everyone through an SSH tunnel, every user
/// of the host, is loopback): the attacker's guesses must never keep the user out, except for the
/// short, bounded waits of TOTP-only mode.
/// </summary>
public class SignInGuardTests
{
    private const string Host = TrustedProxy.LoopbackClient;
    private static readonly TimeSpan AttackerInterval = TimeSpan.FromMilliseconds(300);

    private static (SignInGuard Guard, FakeTimeProvider Time) Create(AuthMode mode)
    {
        var time = LoginServiceHost.NewClock();
        var verifier = new CredentialVerifier(LoginServiceHost.OptionsFor(mode, "/unused", time));
        return (SignInGuard.Create(verifier, time), time);
    }

    [Fact]
    public void Token_mode_accepts_the_right_token_every_time_while_wrong_ones_keep_coming_from_the_same_address()
    {
        var (guard, time) = Create(AuthMode.Token);
        var throttled = 0;
        for (var attempt = 1; attempt <= 2000; attempt++)
        {
            var wrong = guard.Attempt(Host, $"guess-{attempt}", code: null);
            Assert.NotEqual(SignInResult.Accepted, wrong.Result);
            throttled += wrong.Throttled ? 1 : 0;
            if (attempt % 50 == 0)
            {
                Assert.Equal(SignInOutcome.Accepted, guard.Attempt(Host, TestSecrets.Token, code: null));
            }

            time.Advance(AttackerInterval);
        }

        // The wrong ones are still slowed down: most of them were answered "too many attempts".
        Assert.InRange(throttled, 1500, 2000);
    }

    [Fact]
    public void Token_and_totp_wrong_tokens_never_spend_the_code_budget_nor_use_up_the_code()
    {
        var (guard, time) = Create(AuthMode.TokenAndTotp);
        for (var attempt = 1; attempt <= 1000; attempt++)
        {
            // Even the current right code next to a wrong token is neither checked nor used up.
            var code = attempt % 2 == 0 ? TestSecrets.CodeAt(time.GetUtcNow()) : TestSecrets.WrongCodeAt(time.GetUtcNow());
            Assert.NotEqual(SignInResult.Accepted, guard.Attempt(Host, $"guess-{attempt}", code).Result);
            time.Advance(AttackerInterval);
        }

        Assert.Equal(0, guard.Codes.TrackedClients);
        Assert.Equal(SignInOutcome.Accepted, guard.Attempt(Host, TestSecrets.Token, TestSecrets.CodeAt(time.GetUtcNow())));
    }

    [Fact]
    public void Token_and_totp_a_holder_of_the_token_still_has_only_the_code_budget()
    {
        var (guard, time) = Create(AuthMode.TokenAndTotp);
        for (var attempt = 0; attempt < LoginThrottlePolicy.Codes.FreeFailures; attempt++)
        {
            Assert.Equal(SignInOutcome.Rejected(SignInFailure.WrongCode), guard.Attempt(Host, TestSecrets.Token, TestSecrets.WrongCodeAt(time.GetUtcNow())));
        }

        // The sixth wrong code locks for a second; the right code has to wait it out too.
        Assert.Equal(SignInOutcome.Rejected(SignInFailure.WrongCode), guard.Attempt(Host, TestSecrets.Token, TestSecrets.WrongCodeAt(time.GetUtcNow())));
        var refused = guard.Attempt(Host, TestSecrets.Token, TestSecrets.CodeAt(time.GetUtcNow()));
        Assert.Equal(new SignInOutcome(SignInResult.CodeThrottled, TimeSpan.FromSeconds(1)), refused);

        time.Advance(refused.RetryAfter);
        Assert.Equal(SignInOutcome.Accepted, guard.Attempt(Host, TestSecrets.Token, TestSecrets.CodeAt(time.GetUtcNow())));
    }

    [Fact]
    public void Totp_only_no_wait_is_longer_than_30_seconds_and_the_user_gets_in_within_30_seconds_of_the_last_guess()
    {
        var (guard, time) = Create(AuthMode.Totp);
        var longestWait = TimeSpan.Zero;
        for (var attempt = 1; attempt <= 1000; attempt++)
        {
            var outcome = guard.Attempt(Host, token: null, TestSecrets.WrongCodeAt(time.GetUtcNow()));
            Assert.NotEqual(SignInResult.Accepted, outcome.Result);
            longestWait = outcome.RetryAfter > longestWait ? outcome.RetryAfter : longestWait;
            time.Advance(AttackerInterval);
        }

        Assert.Equal(TimeSpan.FromSeconds(30), LoginThrottlePolicy.Codes.LongestWait);
        Assert.InRange(longestWait, TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(30));

        var user = guard.Attempt(Host, token: null, TestSecrets.CodeAt(time.GetUtcNow()));
        Assert.Equal(SignInResult.CodeThrottled, user.Result);
        Assert.InRange(user.RetryAfter, TimeSpan.Zero, TimeSpan.FromSeconds(30));

        time.Advance(user.RetryAfter);
        Assert.Equal(SignInOutcome.Accepted, guard.Attempt(Host, token: null, TestSecrets.CodeAt(time.GetUtcNow())));
    }

    [Theory]
    [InlineData(AuthMode.Totp)]
    [InlineData(AuthMode.TokenAndTotp)]
    public void The_global_budget_caps_code_guesses_from_any_number_of_addresses(AuthMode mode)
    {
        // In token+TOTP mode this attacker holds the token: only the code budget is left between them and the app.
        var (guard, time) = Create(mode);
        var token = mode == AuthMode.TokenAndTotp ? TestSecrets.Token : null;
        var checkedCodes = 0;
        for (var attempt = 0; attempt < 7_200; attempt++)
        {
            // A fresh address every time, two a second, for an hour.
            var outcome = guard.Attempt($"198.51.{attempt / 256 % 256}.{attempt % 256}-{attempt}", token, TestSecrets.WrongCodeAt(time.GetUtcNow()));
            checkedCodes += outcome.Result == SignInResult.Rejected ? 1 : 0;
            time.Advance(TimeSpan.FromMilliseconds(500));
        }

        // A burst of 20, then one per 6 seconds.
        Assert.InRange(checkedCodes, 20 + 599, 20 + 600);
    }

    [Fact]
    public void The_wrong_token_budget_still_slows_wrong_tokens_from_many_addresses()
    {
        var (guard, time) = Create(AuthMode.Token);
        var rejected = 0;
        for (var attempt = 0; attempt < 3600; attempt++)
        {
            var outcome = guard.Attempt($"203.0.113.{attempt % 256}-{attempt}", $"guess-{attempt}", code: null);
            rejected += outcome.Result == SignInResult.Rejected ? 1 : 0;
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.InRange(rejected, 20 + 599, 20 + 600);
        Assert.Equal(SignInOutcome.Accepted, guard.Attempt("198.51.100.1", TestSecrets.Token, code: null));
    }
}
