using System.Text;
using ShLogin.Secrets;

namespace ShLogin.Tests.Secrets;

public class TotpVerifierTests
{
    private static readonly Totp Generator = new(Encoding.ASCII.GetBytes("12345678901234567890"));

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_010);

    [Fact]
    public void Current_code_is_accepted_once_and_then_refused_as_a_replay()
    {
        var clock = new ManualClock(Start);
        var verifier = new TotpVerifier(Generator, clock);
        var code = Generator.ComputeAt(Start);

        Assert.True(verifier.Verify(code));
        Assert.False(verifier.Verify(code));
        clock.Now = Start.AddSeconds(5);
        Assert.False(verifier.Verify(code));
    }

    [Fact]
    public void Check_tells_a_replayed_code_from_a_wrong_one()
    {
        var clock = new ManualClock(Start);
        var verifier = new TotpVerifier(Generator, clock);
        var code = Generator.ComputeAt(Start);
        var wrong = code == "000000" ? "111111" : "000000";

        Assert.Equal(TotpCheck.Wrong, verifier.Check(wrong));
        Assert.Equal(TotpCheck.Accepted, verifier.Check(code));
        Assert.Equal(TotpCheck.Replayed, verifier.Check(code));
        Assert.Equal(TotpCheck.Replayed, verifier.Check(Generator.ComputeAt(Start.AddSeconds(-30))));
        Assert.Equal(TotpCheck.Wrong, verifier.Check(Generator.ComputeAt(Start.AddSeconds(-60))));
        Assert.Equal(TotpCheck.Wrong, verifier.Check(null));
    }

    [Fact]
    public void One_step_of_drift_either_way_is_accepted_two_are_not()
    {
        var clock = new ManualClock(Start);
        Assert.True(new TotpVerifier(Generator, clock).Verify(Generator.ComputeAt(Start.AddSeconds(-30))));
        Assert.True(new TotpVerifier(Generator, clock).Verify(Generator.ComputeAt(Start.AddSeconds(30))));
        Assert.False(new TotpVerifier(Generator, clock).Verify(Generator.ComputeAt(Start.AddSeconds(-60))));
        Assert.False(new TotpVerifier(Generator, clock).Verify(Generator.ComputeAt(Start.AddSeconds(60))));
    }

    [Fact]
    public void After_a_code_is_used_older_steps_in_the_window_are_refused_and_newer_ones_accepted()
    {
        var clock = new ManualClock(Start);
        var verifier = new TotpVerifier(Generator, clock);
        Assert.True(verifier.Verify(Generator.ComputeAt(Start)));
        Assert.False(verifier.Verify(Generator.ComputeAt(Start.AddSeconds(-30))));
        clock.Now = Start.AddSeconds(30);
        Assert.True(verifier.Verify(Generator.ComputeAt(clock.Now)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("١٢٣٤٥٦")] // Arabic-Indic digits are digits to char.IsDigit, not to us.
    [InlineData("000000\n")]
    public void Malformed_codes_are_refused(string? code) =>
        Assert.False(new TotpVerifier(Generator, new ManualClock(Start)).Verify(code));

    [Fact]
    public void Surrounding_whitespace_is_forgiven()
    {
        var verifier = new TotpVerifier(Generator, new ManualClock(Start));
        Assert.True(verifier.Verify(" " + Generator.ComputeAt(Start) + " "));
    }

    [Fact]
    public void A_wrong_code_is_refused()
    {
        var right = Generator.ComputeAt(Start);
        var wrong = ((int.Parse(right, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(new TotpVerifier(Generator, new ManualClock(Start)).Verify(wrong));
    }

    [Fact]
    public void Concurrent_submissions_of_one_code_succeed_exactly_once()
    {
        var verifier = new TotpVerifier(Generator, new ManualClock(Start));
        var code = Generator.ComputeAt(Start);
        var successes = 0;
        Parallel.For(0, 64, _ =>
        {
            if (verifier.Verify(code))
            {
                Interlocked.Increment(ref successes);
            }
        });
        Assert.Equal(1, successes);
    }

    [Fact]
    public void A_verifier_carrying_on_from_a_used_step_refuses_that_step_and_earlier_ones_and_accepts_the_next()
    {
        var clock = new ManualClock(Start);
        var now = Generator.StepAt(Start);
        var verifier = new TotpVerifier(Generator, clock, window: 1, lastAcceptedStep: now);

        Assert.Equal(now, verifier.LastAcceptedStep);
        Assert.False(verifier.Verify(Generator.ComputeAt(Start)));
        Assert.False(verifier.Verify(Generator.ComputeAt(Start.AddSeconds(-30))));
        Assert.True(verifier.Verify(Generator.ComputeAt(Start.AddSeconds(30))));
        Assert.Equal(now + 1, verifier.LastAcceptedStep);
    }

    [Fact]
    public void A_new_verifier_has_used_no_step()
    {
        var verifier = new TotpVerifier(Generator, new ManualClock(Start));

        Assert.Equal(long.MinValue, verifier.LastAcceptedStep);
        Assert.True(verifier.Verify(Generator.ComputeAt(Start)));
        Assert.Equal(Generator.StepAt(Start), verifier.LastAcceptedStep);
    }
}
