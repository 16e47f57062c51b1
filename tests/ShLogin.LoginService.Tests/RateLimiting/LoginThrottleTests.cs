using Microsoft.Extensions.Time.Testing;
using ShLogin.LoginService.RateLimiting;

namespace ShLogin.LoginService.Tests.RateLimiting;

public class LoginThrottleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private LoginThrottle Create(LoginThrottlePolicy? policy = null) => new(policy ?? LoginThrottlePolicy.WrongTokens, _time);

    private static void Fail(LoginThrottle throttle, string client, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(throttle.TryBegin(client).Allowed, $"attempt {i + 1} should have been allowed");
        }
    }

    [Fact]
    public void Five_failures_are_free_and_the_next_ones_double_the_wait()
    {
        var throttle = Create();
        Fail(throttle, "a", 6);

        var expectedWaits = new[] { 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300 };
        foreach (var wait in expectedWaits)
        {
            var refused = throttle.TryBegin("a");
            Assert.False(refused.Allowed);
            Assert.Equal(TimeSpan.FromSeconds(wait), refused.RetryAfter);
            Assert.Equal(wait, refused.RetryAfterSeconds);

            _time.Advance(TimeSpan.FromSeconds(wait) - TimeSpan.FromMilliseconds(1));
            Assert.False(throttle.TryBegin("a").Allowed);
            _time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.True(throttle.TryBegin("a").Allowed);
        }
    }

    [Fact]
    public void One_client_makes_about_eleven_failures_in_its_first_minute()
    {
        var throttle = Create();
        var allowed = 0;
        for (var second = 0; second < 60; second++)
        {
            while (throttle.TryBegin("a").Allowed)
            {
                allowed++;
            }

            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(11, allowed);
    }

    [Fact]
    public void A_lockout_of_one_client_does_not_touch_another()
    {
        var throttle = Create();
        Fail(throttle, "attacker", 6);

        Assert.False(throttle.TryBegin("attacker").Allowed);
        Assert.True(throttle.TryBegin("user").Allowed);
    }

    [Fact]
    public void Success_resets_the_client()
    {
        var throttle = Create();
        Fail(throttle, "a", 5);
        Assert.True(throttle.TryBegin("a").Allowed);
        throttle.RecordSuccess("a");

        Fail(throttle, "a", 6);
        Assert.False(throttle.TryBegin("a").Allowed);
    }

    [Fact]
    public void A_client_quiet_for_an_hour_starts_afresh()
    {
        var throttle = Create();
        Fail(throttle, "a", 6);

        // Within the hour the count goes on: the next failure doubles the wait.
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.True(throttle.TryBegin("a").Allowed);
        Assert.Equal(TimeSpan.FromSeconds(2), throttle.TryBegin("a").RetryAfter);

        // After an hour without failures, five are free again.
        _time.Advance(TimeSpan.FromHours(1));
        Fail(throttle, "a", 6);
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.TryBegin("a").RetryAfter);
    }

    [Fact]
    public void The_global_budget_stops_everyone_for_seconds_only()
    {
        var throttle = Create();
        for (var client = 0; client < 4; client++)
        {
            Fail(throttle, $"bot-{client}", 5);
        }

        var refused = throttle.TryBegin("user");
        Assert.False(refused.Allowed);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6));

        _time.Advance(refused.RetryAfter);
        Assert.True(throttle.TryBegin("user").Allowed);
        Assert.False(throttle.TryBegin("bot-0").Allowed);
    }

    [Fact]
    public void The_global_budget_refills_at_one_failure_per_six_seconds()
    {
        var throttle = Create();
        var allowed = 0;
        for (var second = 0; second < 600; second++)
        {
            // A fresh address every time: the per-client limit never applies.
            if (throttle.TryBegin($"bot-{second}").Allowed)
            {
                allowed++;
            }

            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // 20 at once, then 10 a minute for the rest of the ten minutes.
        Assert.InRange(allowed, 20 + 95, 20 + 100);
    }

    [Fact]
    public void A_successful_login_gives_its_budget_back()
    {
        var throttle = Create(LoginThrottlePolicy.WrongTokens with { GlobalBurst = 1 });

        Assert.True(throttle.TryBegin("user").Allowed);
        throttle.RecordSuccess("user");

        Assert.True(throttle.TryBegin("other").Allowed);
        Assert.False(throttle.TryBegin("third").Allowed);
    }

    [Fact]
    public void Parallel_attempts_cannot_slip_past_the_limits()
    {
        var throttle = Create();
        var allowed = 0;

        Parallel.For(0, 500, _ =>
        {
            if (throttle.TryBegin("attacker").Allowed)
            {
                Interlocked.Increment(ref allowed);
            }
        });

        Assert.Equal(6, allowed);
    }

    [Fact]
    public void Forgotten_clients_are_pruned()
    {
        var throttle = Create(LoginThrottlePolicy.WrongTokens with { GlobalBurst = 5000 });
        for (var client = 0; client < 1500; client++)
        {
            Assert.True(throttle.TryBegin($"bot-{client}").Allowed);
        }

        Assert.Equal(1500, throttle.TrackedClients);
        _time.Advance(TimeSpan.FromHours(2));
        Assert.True(throttle.TryBegin("new").Allowed);

        Assert.Equal(1, throttle.TrackedClients);
    }
}
