using System.Diagnostics;
using System.Diagnostics.Metrics;
using ShLogin.Configuration;
using ShLogin.LoginService.RateLimiting;
using ShLogin.LoginService.Sessions;

namespace ShLogin.LoginService.Telemetry;

/// <summary>
/// Every metric of the login service, on one meter (<see cref="MeterName"/>): what
/// <c>/auth/metrics</c> shows and what OTLP exports. Tags carry only the fixed words below:
/// never a token, a code, a cookie, a session id or a client address.
/// </summary>
internal sealed class LoginMetrics
{
    /// <summary>The meter's name, as OpenTelemetry and <c>dotnet-counters</c> select it.</summary>
    public const string MeterName = "ShLogin.LoginService";

    public const string SignInsName = "shlogin.sign_ins";
    public const string SignInFailuresName = "shlogin.sign_in_failures";
    public const string ThrottledSignInsName = "shlogin.throttled_sign_ins";
    public const string SessionsRevokedName = "shlogin.sessions_revoked";
    public const string SignInRedirectsName = "shlogin.sign_in_redirects";
    public const string AuthChecksName = "shlogin.auth_checks";
    public const string AuthCheckDurationName = "shlogin.auth_check.duration";
    public const string ActiveSessionsName = "shlogin.active_sessions";

    /// <summary>Bucket bounds of <see cref="AuthCheckDurationName"/>, in seconds: a check takes microseconds to milliseconds.</summary>
    public static readonly IReadOnlyList<double> AuthCheckBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private readonly Counter<long> _signIns;
    private readonly Counter<long> _signInFailures;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _sessionsRevoked;
    private readonly Counter<long> _signInRedirects;
    private readonly Counter<long> _authChecks;
    private readonly Histogram<double> _authCheckDuration;

    public LoginMetrics(IMeterFactory meterFactory, ISessionStore sessions)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(sessions);
        Meter = meterFactory.Create(MeterName);
        _signIns = Meter.CreateCounter<long>(
            SignInsName, "{sign_in}", "Successful sign-ins, by method (token, totp, token+totp, link).");
        _signInFailures = Meter.CreateCounter<long>(
            SignInFailuresName, "{attempt}", "Refused sign-in attempts, by reason (bad_token, bad_code, replayed_code, antiforgery, bad_form).");
        _throttled = Meter.CreateCounter<long>(
            ThrottledSignInsName, "{attempt}", "Sign-in attempts answered 429, by the budget that refused them (token, code).");
        _sessionsRevoked = Meter.CreateCounter<long>(
            SessionsRevokedName, "{session}", "Sessions revoked on the server, by reason (logout, replaced by a new sign-in).");
        _signInRedirects = Meter.CreateCounter<long>(
            SignInRedirectsName, "{redirect}", "Browsers without a session sent to the login page.");
        _authChecks = Meter.CreateCounter<long>(
            AuthChecksName, "{check}", "Answers of /auth/check, by result (allowed, denied).");
        _authCheckDuration = Meter.CreateHistogram(
            AuthCheckDurationName,
            "s",
            "How long /auth/check took to answer, by result.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = AuthCheckBuckets });
        Meter.CreateObservableGauge(
            ActiveSessionsName, () => sessions.ListActive().Count, "{session}", "Sessions that are signed in and not expired.");
    }

    /// <summary>The meter all instruments are on (tests and <see cref="MetricsCollector"/> pick it by reference).</summary>
    public Meter Meter { get; }

    /// <summary>A browser signed in; <paramref name="oneClickLink"/> when it came with the URL printed in the terminal.</summary>
    public void SignedIn(AuthMode mode, bool oneClickLink) =>
        _signIns.Add(1, new KeyValuePair<string, object?>("method", oneClickLink ? "link" : MethodOf(mode)));

    /// <summary>A sign-in attempt was refused (a 400 or 401), for <paramref name="reason"/>.</summary>
    public void SignInFailed(string reason) =>
        _signInFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>A sign-in attempt was refused for the credential that failed.</summary>
    public void SignInFailed(SignInFailure failure) => SignInFailed(failure switch
    {
        SignInFailure.WrongCode => FailureReasons.BadCode,
        SignInFailure.ReplayedCode => FailureReasons.ReplayedCode,
        _ => FailureReasons.BadToken,
    });

    /// <summary>A sign-in attempt was answered 429.</summary>
    public void Throttled(SignInResult result) =>
        _throttled.Add(1, new KeyValuePair<string, object?>("budget", result == SignInResult.CodeThrottled ? "code" : "token"));

    /// <summary>A session was revoked: by a logout, or because the same browser signed in again.</summary>
    public void SessionRevoked(bool byLogout) =>
        _sessionsRevoked.Add(1, new KeyValuePair<string, object?>("reason", byLogout ? "logout" : "replaced"));

    /// <summary>nginx asked where to send a browser without a session.</summary>
    public void SignInRedirected() => _signInRedirects.Add(1);

    /// <summary><c>/auth/check</c> answered, after <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void Checked(bool allowed, long startTimestamp)
    {
        var result = new KeyValuePair<string, object?>("result", allowed ? "allowed" : "denied");
        _authChecks.Add(1, result);
        if (_authCheckDuration.Enabled)
        {
            _authCheckDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, result);
        }
    }

    private static string MethodOf(AuthMode mode) => mode switch
    {
        AuthMode.Totp => "totp",
        AuthMode.TokenAndTotp => "token+totp",
        _ => "token",
    };

    /// <summary>The values of the <c>reason</c> tag of <see cref="SignInFailuresName"/>.</summary>
    public static class FailureReasons
    {
        public const string BadToken = "bad_token";
        public const string BadCode = "bad_code";
        public const string ReplayedCode = "replayed_code";
        public const string Antiforgery = "antiforgery";
        public const string BadForm = "bad_form";
    }
}
