namespace ShLogin.LoginService.RateLimiting;

/// <summary>The end of a sign-in attempt, and how long to wait when it was throttled.</summary>
public readonly record struct SignInOutcome(SignInResult Result, TimeSpan RetryAfter)
{
    /// <summary>Every credential was right.</summary>
    public static SignInOutcome Accepted { get; } = new(SignInResult.Accepted, TimeSpan.Zero);

    /// <summary>A credential was wrong.</summary>
    public static SignInOutcome Rejected { get; } = new(SignInResult.Rejected, TimeSpan.Zero);

    /// <summary>True when the answer is "too many attempts" (<see cref="RetryAfter"/> says how long to wait).</summary>
    public bool Throttled => Result is SignInResult.WrongTokenThrottled or SignInResult.CodeThrottled;

    /// <summary>The wait as whole seconds for a <c>Retry-After</c> header: rounded up, at least 1.</summary>
    public int RetryAfterSeconds => new ThrottleDecision(false, RetryAfter).RetryAfterSeconds;
}
