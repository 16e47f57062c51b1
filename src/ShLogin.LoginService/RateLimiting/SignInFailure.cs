namespace ShLogin.LoginService.RateLimiting;

/// <summary>Which credential made a <see cref="SignInResult.Rejected"/> attempt fail (for metrics; never shown to the browser).</summary>
public enum SignInFailure
{
    /// <summary>The attempt did not fail.</summary>
    None,

    /// <summary>The token was wrong or missing.</summary>
    WrongToken,

    /// <summary>The code was wrong or missing.</summary>
    WrongCode,

    /// <summary>The code was right but already used in its time step (RFC 6238 §5.2).</summary>
    ReplayedCode,
}
