namespace ShLogin.LoginService.RateLimiting;

/// <summary>The numbers of <see cref="LoginThrottle"/>; see there and <see cref="SignInGuard"/> for what they add up to.</summary>
public sealed record LoginThrottlePolicy
{
    /// <summary>
    /// Wrong tokens. The right token is accepted whatever this says (see <see cref="SignInGuard"/>),
    /// so the long waits only slow down whoever keeps sending wrong ones.
    /// </summary>
    public static LoginThrottlePolicy WrongTokens { get; } = new();

    /// <summary>
    /// TOTP codes: the guess budget of a 6-digit code. Everyone who shares an address (all users
    /// of an SSH tunnel are 127.0.0.1) shares the wait, so the longest one is short.
    /// </summary>
    public static LoginThrottlePolicy Codes { get; } = new() { MaxLockout = TimeSpan.FromSeconds(30) };

    /// <summary>Failures a client may make before it has to wait.</summary>
    public int FreeFailures { get; init; } = 5;

    /// <summary>The wait after the first failure beyond <see cref="FreeFailures"/>; it doubles with each further failure.</summary>
    public TimeSpan FirstLockout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait of one client.</summary>
    public TimeSpan MaxLockout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A client with no failure for this long starts afresh.</summary>
    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Failures all clients together may make at once before the global budget applies.</summary>
    public int GlobalBurst { get; init; } = 20;

    /// <summary>In the long run, all clients together make at most one failure per this interval.</summary>
    public TimeSpan GlobalRefillInterval { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>The longest any client is told to wait: the per-client cap or one refill of the global budget.</summary>
    public TimeSpan LongestWait => MaxLockout > GlobalRefillInterval ? MaxLockout : GlobalRefillInterval;
}
