using System.Globalization;
using ShLogin.Configuration;
using ShLogin.LoginService.RateLimiting;
using ShLogin.LoginService.Security;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.RateLimiting;

/// <summary>
/// The measurement behind the README's "Brute force: the numbers": an attacker drives the real
/// <see cref="SignInGuard"/> on a fake clock for a simulated day, five attempts a second (faster
/// only adds refusals: every wait is a whole number of 0.2 s steps), and we count the guesses that were actually checked. Run with
/// <c>--logger "console;verbosity=detailed"</c> to see the figures.
/// </summary>
public class GuessRateMeasurementTests
{
    private const int AttemptsPerSecond = 5;
    private const int AttemptsPerDay = 24 * 3600 * AttemptsPerSecond;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1.0 / AttemptsPerSecond);

    public enum Addresses
    {
        // Everyone on this host, and everyone through an SSH tunnel: one client.
        OneHost,

        // A network attacker with a fresh address for every attempt (SH_LOGIN_BIND on a public address).
        FreshEveryTime,
    }

    [Fact]
    public void Token_mode_compares_every_token_and_the_rate_is_the_services_own_speed()
    {
        var (guard, time) = Create(AuthMode.Token);
        var compared = 0;
        for (var attempt = 0; attempt < AttemptsPerDay; attempt++)
        {
            // Each attempt is compared (the right token would win), throttled or not.
            var outcome = guard.Attempt(TrustedProxy.LoopbackClient, $"guess-{attempt}", code: null);
            compared += outcome.Result is SignInResult.Rejected or SignInResult.WrongTokenThrottled ? 1 : 0;
            time.Advance(Interval);
        }

        Report($"token: {compared} of {AttemptsPerDay} attempts compared in a simulated day");
        Assert.Equal(AttemptsPerDay, compared);
    }

    [Theory]
    [InlineData(AuthMode.Totp, Addresses.OneHost, 2_880, 2_890)]
    [InlineData(AuthMode.Totp, Addresses.FreshEveryTime, 14_419, 14_420)]
    [InlineData(AuthMode.TokenAndTotp, Addresses.OneHost, 2_880, 2_890)]
    [InlineData(AuthMode.TokenAndTotp, Addresses.FreshEveryTime, 14_419, 14_420)]
    public void Codes_checked_in_a_day_by_an_attacker_who_can_spend_the_code_budget(AuthMode mode, Addresses addresses, int least, int most)
    {
        // In token+TOTP mode this attacker holds the token: that is the only way to spend the budget.
        var (guard, time) = Create(mode);
        var wrongCode = new WrongCode();
        var token = mode == AuthMode.TokenAndTotp ? TestSecrets.Token : null;
        var codesChecked = 0;
        for (var attempt = 0; attempt < AttemptsPerDay; attempt++)
        {
            var client = addresses == Addresses.OneHost ? TrustedProxy.LoopbackClient : $"net-{attempt}";
            var outcome = guard.Attempt(client, token, wrongCode.At(time.GetUtcNow()));
            codesChecked += outcome.Result == SignInResult.Rejected ? 1 : 0;
            time.Advance(Interval);
        }

        Report($"{mode}, {addresses}: {codesChecked} codes checked in a simulated day; mean time to a hit {MeanDaysToGuessACode(codesChecked):0.0} days");
        Assert.InRange(codesChecked, least, most);
    }

    [Fact]
    public void Token_and_totp_without_the_token_checks_no_code_in_a_day()
    {
        var (guard, time) = Create(AuthMode.TokenAndTotp);
        var wrongCode = new WrongCode();
        for (var attempt = 0; attempt < AttemptsPerDay; attempt++)
        {
            var outcome = guard.Attempt(attempt % 2 == 0 ? TrustedProxy.LoopbackClient : $"net-{attempt}", $"guess-{attempt}", wrongCode.At(time.GetUtcNow()));
            Assert.NotEqual(SignInResult.Accepted, outcome.Result);
            time.Advance(Interval);
        }

        Report("token+totp without the token: 0 codes checked in a simulated day");
        Assert.Equal(0, guard.Codes.TrackedClients);
    }

    // A code is accepted in its 30 s step and the ones before and after: 3 of 10^6 guesses hit.
    private static double MeanDaysToGuessACode(int guessesPerDay) => 1_000_000.0 / 3 / guessesPerDay;

    private static (SignInGuard Guard, Microsoft.Extensions.Time.Testing.FakeTimeProvider Time) Create(AuthMode mode)
    {
        var time = LoginServiceHost.NewClock();
        var verifier = new CredentialVerifier(LoginServiceHost.OptionsFor(mode, "/unused", time));
        return (SignInGuard.Create(verifier, time), time);
    }

    // A wrong code for each 30 s step, worked out once per step: the simulation makes millions of attempts.
    private sealed class WrongCode
    {
        private long _step = long.MinValue;
        private string _code = "";

        public string At(DateTimeOffset time)
        {
            var step = time.ToUnixTimeSeconds() / 30;
            if (step != _step)
            {
                _step = step;
                _code = TestSecrets.WrongCodeAt(time);
            }

            return _code;
        }
    }

    private static void Report(string line) =>
        TestContext.Current.TestOutputHelper?.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
