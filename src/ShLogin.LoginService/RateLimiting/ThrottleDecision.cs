namespace ShLogin.LoginService.RateLimiting;

/// <summary>Whether a login attempt may be checked now, and if not, how long to wait.</summary>
public readonly record struct ThrottleDecision(bool Allowed, TimeSpan RetryAfter)
{
    /// <summary>The attempt may go ahead.</summary>
    public static ThrottleDecision Allow { get; } = new(true, TimeSpan.Zero);

    /// <summary>The attempt is refused for <paramref name="retryAfter"/>.</summary>
    public static ThrottleDecision Refuse(TimeSpan retryAfter) => new(false, retryAfter);

    /// <summary>The wait as whole seconds for a <c>Retry-After</c> header: rounded up, at least 1.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}
