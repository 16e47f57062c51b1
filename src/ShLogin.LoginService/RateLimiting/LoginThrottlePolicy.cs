namespace ShLogin.LoginService.RateLimiting;

/// <summary>The numbers of <see cref="LoginThrottle"/>; see there for what they add up to.</summary>
public sealed record LoginThrottlePolicy
{
    /// <summary>The policy the service runs with.</summary>
    public static LoginThrottlePolicy Default { get; } = new();

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
}
