namespace ShLogin.LoginService.RateLimiting;

/// <summary>
/// The end of a sign-in attempt, how long to wait when it was throttled, and which credential
/// failed when it was rejected.
/// </summary>
public readonly record struct SignInOutcome(SignInResult Result, TimeSpan RetryAfter, SignInFailure Failure = SignInFailure.None)
{
    /// <summary>Every credential was right.</summary>
    public static SignInOutcome Accepted { get; } = new(SignInResult.Accepted, TimeSpan.Zero);

    /// <summary>The token was wrong.</summary>
    public static SignInOutcome WrongToken { get; } = new(SignInResult.Rejected, TimeSpan.Zero, SignInFailure.WrongToken);

    /// <summary>A rejected attempt, for the credential that failed.</summary>
    public static SignInOutcome Rejected(SignInFailure failure) => new(SignInResult.Rejected, TimeSpan.Zero, failure);

    /// <summary>True when the answer is "too many attempts" (<see cref="RetryAfter"/> says how long to wait).</summary>
    public bool Throttled => Result is SignInResult.WrongTokenThrottled or SignInResult.CodeThrottled;

    /// <summary>The wait as whole seconds for a <c>Retry-After</c> header: rounded up, at least 1.</summary>
    public int RetryAfterSeconds => new ThrottleDecision(false, RetryAfter).RetryAfterSeconds;
}
